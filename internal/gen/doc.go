// Package gen fills a database with realistic generated content, for load
// tests and for trying the portal at a city's real size: "cong gen --units
// 5000" makes a unit tree of 5,000 units with their leaders.
//
// Every content kind of the portal has a generator here, run in the order
// of Generators so that later kinds can refer to what earlier ones made
// (news items name their unit, dossiers their procedure, ...). A feature
// that adds a content kind adds its generator in a file of its own, a
// size to Options, the store it writes to in Stores, and a flag to
// cmd/cong/cmd_gen.go.
//
// Generation is deterministic for a given Options.Seed, writes through the
// domain's store interfaces (so generated rows are shaped exactly like
// real ones, with their audit entries), and is idempotent: content is
// matched by its code and what exists is left alone, so an interrupted run
// can be restarted.
package gen
