// Package unit is the domain of units (đơn vị): the tree made of the city
// People's Committee, its departments and agencies, its wards and communes
// and the one-stop centres. Every published item in the portal has exactly
// one owning unit, which is accountable for it.
//
// Units are never deleted: a unit that ceased to exist (the July 2025
// mergers) becomes inactive and points at its successor.
package unit
