// Package i18n holds the message catalogues of the user interface:
// Vietnamese first, English second. Catalogues are embedded JSON files, one
// per language, mapping a key to a fmt-style message. A key missing from a
// catalogue falls back to Vietnamese, then to the key itself, and a test
// checks that both catalogues carry the same keys.
package i18n
