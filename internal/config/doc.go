// Package config holds the one typed configuration of the portal.
//
// Values come from, in order of precedence: command-line flags, CONG_*
// environment variables, an optional file (CONG_CONFIG, lines of KEY=value)
// and defaults. Every secret may also be given as KEY_FILE naming a file that
// holds it (for container secrets). Secrets are never printed: "cong config"
// shows them masked (a URL keeps its user and host, not its password), and
// so do the flag defaults that -h and a mistyped flag print.
//
// Validate fails fast, reporting every invalid value or combination at
// once without showing a secret. It checks only what needs no I/O: the
// form of URLs and addresses, known schemes and methods, durations that
// must not be negative, settings that make no sense without another, and
// that nodes which may not share a data dir (PostgreSQL on another machine,
// or CONG_BLOB_URL) are given the one CONG_SECRET_KEY. The adapters check
// the rest when they open. The configuration is passed down, never global.
package config
