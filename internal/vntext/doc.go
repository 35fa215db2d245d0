// Package vntext holds the text rules for Vietnamese that every other package
// shares: Unicode normalisation, lower-casing and diacritic folding (including
// đ→d, which Unicode decomposition does not do).
//
// It has no dependencies inside the project, so the domain, storage and search
// packages may all import it.
package vntext
