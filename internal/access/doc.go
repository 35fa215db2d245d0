// Package access decides who may do what: the roles staff are granted on
// units, the actions of the portal, and the one function, Can, that every
// domain service asks before it acts on something owned by a unit.
//
// The acting user travels in the context (WithActor, ActorFrom). A nil
// actor is an anonymous citizen and may do nothing that needs a role.
package access
