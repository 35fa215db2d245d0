// Package ui embeds the portal's templates and static files.
//
// templates/layout holds the page shell, templates/partials shared pieces,
// templates/pages one file per page; static/ is served at content-hash URLs.
// Operators may override any template from CONG_TEMPLATE_DIR.
package ui

import "embed"

// FS holds templates/ and static/.
//
//go:embed templates static
var FS embed.FS
