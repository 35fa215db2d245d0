package webcheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
)

// VNUMessage is one message of the Nu HTML Checker.
type VNUMessage struct {
	Type      string `json:"type"`    // error, info (subType warning) or non-document-error
	SubType   string `json:"subType"` // fatal, warning, io, ...
	URL       string `json:"url"`     // file:/... of the saved page
	Line      int    `json:"lastLine"`
	FirstCol  int    `json:"firstColumn"`
	LastCol   int    `json:"lastColumn"`
	FirstLine int    `json:"firstLine"`
	Message   string `json:"message"`
	Extract   string `json:"extract"`
}

// Failing reports whether the message breaks the gate: errors and checker
// failures do, warnings and infos do not.
func (m VNUMessage) Failing() bool { return m.Type == "error" || m.Type == "non-document-error" }

// Where returns "line L, column C" of the message.
func (m VNUMessage) Where() string {
	if m.Line == 0 {
		return ""
	}
	return fmt.Sprintf("line %d, column %d: %q", m.Line, m.FirstCol, oneLine(m.Extract))
}

// RunVNU checks every file with one run of vnu.jar (one JVM start for all
// pages) and returns its messages by file path.
func RunVNU(root string, files []string) (map[string][]VNUMessage, error) {
	jar := filepath.Join(root, "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	if _, err := os.Stat(jar); err != nil {
		return nil, fmt.Errorf("vnu.jar missing (run npm ci): %w", err)
	}
	if _, err := exec.LookPath("java"); err != nil {
		return nil, fmt.Errorf("java not found: the Nu HTML Checker needs Java 17 or later")
	}
	args := append([]string{"-jar", jar, "--format", "json", "--stdout", "--exit-zero-always"}, files...)
	var out, errOut bytes.Buffer
	cmd := exec.Command("java", args...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("vnu: %v\n%s", err, errOut.String())
	}
	var res struct {
		Messages []VNUMessage `json:"messages"`
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		return nil, fmt.Errorf("vnu output: %v\n%s", err, out.String())
	}
	byFile := map[string][]VNUMessage{}
	for _, m := range res.Messages {
		byFile[filePath(m.URL)] = append(byFile[filePath(m.URL)], m)
	}
	return byFile, nil
}

// filePath turns vnu's file: URL back into a path.
func filePath(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "file" {
		return raw
	}
	return filepath.Clean(u.Path)
}
