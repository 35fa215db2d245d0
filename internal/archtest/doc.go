// Package archtest enforces the dependency law of docs/architecture.md:
// domain packages import no transport or storage, adapters never import the
// web layer or each other's internals, and only cmd wires adapters. It has
// only a test.
package archtest
