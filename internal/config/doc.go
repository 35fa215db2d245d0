// Package config holds the one typed configuration of the portal.
//
// Values come from, in order of precedence: command-line flags, CONG_*
// environment variables, an optional file (CONG_CONFIG, lines of KEY=value)
// and defaults. Every secret may also be given as KEY_FILE naming a file that
// holds it (for container secrets). Validate fails fast on invalid
// combinations. The configuration is passed down, never global.
package config
