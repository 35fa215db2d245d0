// Package webcheck holds the quality gates that every public page of the
// portal must pass, run against the real cong binary in headless chromium.
//
// TestQualityGates (run by "make check-web", skipped unless CONG_WEBCHECK=1)
// builds cong, seeds the demo data into a temporary SQLite database with
// "cong seed demo", starts "cong serve" on 127.0.0.1:0 and discovers every
// public page type: it reads /sitemap.xml, fetches each URL with its own
// X-Request-ID, and asks the server's structured log which route pattern
// served it, so a type is exactly one route (plus the set of query
// parameter names, since /don-vi?view=list renders differently from
// /don-vi). It then follows the links and the GET forms (submitted with a
// sample query) of the first page of each type until no new type appears,
// and adds probes for pages nothing reaches (a 404 page, the admin login). Each representative is opened in chromium
// and must pass:
//
//   - axe-core: no violation of the WCAG 2.2 A/AA rules (tags wcag2a,
//     wcag2aa, wcag21a, wcag21aa, wcag22aa), at a phone and a desktop width;
//   - the Nu HTML Checker (vnu.jar): no error, all pages in one JVM run;
//   - no console error, no failed request, no request to another host;
//   - page weight: everything transferred (compressed, from the Network
//     events' encodedDataLength) at most 150 KB, map viewers excepted.
//
// A failure names the page, the gate, the rule and the element (axe's
// target selector, vnu's line and column), so it can be fixed without
// guessing. The report goes to stdout and to tmp/webcheck-report.txt.
//
// TestKeyboardForms drives every public form with the keyboard only (Tab,
// Space, Enter and typed text), from a table of form cases that grows with
// each new form. It checks that every element that takes focus shows a
// visible focus indicator and that the form's outcome (results or errors)
// is announced through a live region or aria-describedby. It runs whenever
// chromium is installed (not with -short); under CI=true a missing
// chromium is a failure.
//
// TestLighthouse (run by "make lighthouse", skipped unless
// CONG_LIGHTHOUSE=1) runs Lighthouse in mobile emulation on the home page
// and the heaviest detail page and fails below the targets.
//
// Nothing here contacts another host than 127.0.0.1: chromium is started
// with a host resolver that maps every other name to nothing, and a request
// to another host is itself a gate failure.
package webcheck
