package upload

import (
	"archive/zip"
	"bytes"
	"io"
	"net/http"
)

// sniffLen is how many leading bytes Sniff looks at.
const sniffLen = 512

// Sniff decides the content type from the first bytes of a file: the
// signatures of PDF, PNG, JPEG, TIFF (classic and BigTIFF), WebP and ZIP,
// then http.DetectContentType. A ZIP is refined by ZipType.
func Sniff(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return PDF
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return PNG
	case bytes.HasPrefix(head, []byte("\xff\xd8\xff")):
		return JPEG
	case bytes.HasPrefix(head, []byte("II*\x00")), bytes.HasPrefix(head, []byte("MM\x00*")),
		bytes.HasPrefix(head, []byte("II+\x00")), bytes.HasPrefix(head, []byte("MM\x00+")):
		return TIFF
	case len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		return WebP
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return ZIP
	}
	ct := http.DetectContentType(head)
	if i := bytes.IndexByte([]byte(ct), ';'); i >= 0 {
		ct = ct[:i]
	}
	return ct
}

// ZipType tells DOCX and XLSX apart from other ZIP files by their parts:
// [Content_Types].xml and word/document.xml or xl/workbook.xml. It reads
// only the central directory.
func ZipType(r io.ReaderAt, size int64) (string, *zip.Reader, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return "", nil, err
	}
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
	}
	switch {
	case !names["[Content_Types].xml"]:
		return ZIP, zr, nil
	case names["word/document.xml"]:
		return DOCX, zr, nil
	case names["xl/workbook.xml"]:
		return XLSX, zr, nil
	}
	return ZIP, zr, nil
}
