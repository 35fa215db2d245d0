package upload

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
)

func TestSniff(t *testing.T) {
	tests := map[string]string{
		"%PDF-1.7\n":                      PDF,
		"\x89PNG\r\n\x1a\n\x00":           PNG,
		"\xff\xd8\xff\xe0":                JPEG,
		"II*\x00\x08\x00":                 TIFF,
		"MM\x00*\x00":                     TIFF,
		"II+\x00":                         TIFF,
		"RIFF\x10\x00\x00\x00WEBPVP8 ":    WebP,
		"PK\x03\x04":                      ZIP,
		"MZ\x90\x00\x03\x00\x00\x00":      "application/octet-stream",
		"<html><script>alert(1)":          "text/html",
		"Xin chào, đây là văn bản thường": "text/plain",
	}
	for in, want := range tests {
		if got := Sniff([]byte(in)); got != want {
			t.Errorf("Sniff(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLimitReader(t *testing.T) {
	src := &countingReader{}
	l := &limitReader{r: src, limit: 1000}
	n, err := io.Copy(io.Discard, l)
	if err != errTooLarge || n != 1001 || src.n != 1001 {
		t.Fatalf("copied %d, source gave %d, err %v", n, src.n, err)
	}
	exact := &limitReader{r: strings.NewReader(strings.Repeat("x", 1000)), limit: 1000}
	if n, err := io.Copy(io.Discard, exact); err != nil || n != 1000 {
		t.Fatalf("exact size: %d, %v", n, err)
	}
}

// countingReader is an endless source of 'x' that counts what it gives.
type countingReader struct{ n int64 }

func (c *countingReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	c.n += int64(len(p))
	return len(p), nil
}

func TestSanitizeName(t *testing.T) {
	long := strings.Repeat("ạ", 150) + ".pdf"
	tests := map[string]string{
		"Tờ trình số 12.pdf":         "Tờ trình số 12.pdf",
		`C:\Users\an\Giấy phép.docx`: "Giấy phép.docx",
		"../../etc/passwd":           "passwd",
		"  .hidden. ":                "hidden",
		"a\x00b\u202ec\"d.pdf":       "abcd.pdf",
		"To\u0300 tri\u0300nh.pdf":   "Tò trình.pdf",
		"":                           "",
	}
	for in, want := range tests {
		if got := SanitizeName(in); got != want {
			t.Errorf("SanitizeName(%q) = %q, want %q", in, got, want)
		}
	}
	if got := SanitizeName(long); len(got) > maxNameBytes || !strings.HasSuffix(got, ".pdf") || !strings.HasPrefix(got, "ạ") {
		t.Errorf("long name became %q (%d bytes)", got, len(got))
	}
}

func TestContentDisposition(t *testing.T) {
	got := ContentDisposition("Tờ trình; đợt 1.pdf")
	want := `attachment; filename="To trinh; dot 1.pdf"; filename*=UTF-8''T%E1%BB%9D%20tr%C3%ACnh%3B%20%C4%91%E1%BB%A3t%201.pdf`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if ContentDisposition("") != "attachment" {
		t.Error("empty name")
	}
}

func zipOf(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for name, data := range files {
		f, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write(data)
	}
	w.Close()
	return b.Bytes()
}

func TestZipTypeAndBombs(t *testing.T) {
	docx := zipOf(t, map[string][]byte{"[Content_Types].xml": []byte("<Types/>"), "word/document.xml": []byte("<w:document/>")})
	xlsx := zipOf(t, map[string][]byte{"[Content_Types].xml": []byte("<Types/>"), "xl/workbook.xml": []byte("<workbook/>")})
	plain := zipOf(t, map[string][]byte{"a.txt": []byte("a")})
	for data, want := range map[*[]byte]string{&docx: DOCX, &xlsx: XLSX, &plain: ZIP} {
		got, zr, err := ZipType(bytes.NewReader(*data), int64(len(*data)))
		if err != nil || got != want {
			t.Errorf("ZipType = %q, %v; want %q", got, err, want)
		}
		if err := checkZip(zr, int64(len(*data)), DefaultZipLimits); err != nil {
			t.Errorf("small %s rejected: %v", want, err)
		}
	}
	bomb := zipOf(t, map[string][]byte{"[Content_Types].xml": nil, "word/document.xml": make([]byte, 20<<20)})
	_, zr, _ := ZipType(bytes.NewReader(bomb), int64(len(bomb)))
	if err := checkZip(zr, int64(len(bomb)), DefaultZipLimits); err == nil {
		t.Errorf("a %d-byte zip of 20 MB zeros passed", len(bomb))
	}
	many := map[string][]byte{}
	for i := range 50 {
		many[strings.Repeat("x", i+1)] = nil
	}
	mz := zipOf(t, many)
	_, zr, _ = ZipType(bytes.NewReader(mz), int64(len(mz)))
	if err := checkZip(zr, int64(len(mz)), ZipLimits{MaxEntries: 10, MaxTotal: 1 << 30, MaxRatio: 100}); err == nil {
		t.Error("too many entries passed")
	}
}

func TestPlace(t *testing.T) {
	// A 3×2 image's top-left pixel after each orientation.
	want := map[int][2]int{2: {2, 0}, 3: {2, 1}, 4: {0, 1}, 5: {0, 0}, 6: {1, 0}, 7: {1, 2}, 8: {0, 2}}
	for o, w := range want {
		if x, y := place(o, 0, 0, 3, 2); x != w[0] || y != w[1] {
			t.Errorf("orientation %d: (0,0) → (%d,%d), want %v", o, x, y, w)
		}
	}
}
