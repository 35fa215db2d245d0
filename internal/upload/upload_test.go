package upload_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/cong-vn/cong/internal/blob"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/fsblob"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/upload"
	"github.com/cong-vn/cong/internal/uploadsql"
)

// env is a service on a fresh database and file directory.
type env struct {
	svc   *upload.Service
	store *uploadsql.Store
	blobs blob.Store
	root  string
}

func newEnv(t *testing.T, o upload.Options) *env {
	t.Helper()
	db := storetest.New(t)
	root := filepath.Join(t.TempDir(), "files")
	blobs, err := fsblob.New(root)
	if err != nil {
		t.Fatal(err)
	}
	o.TempDir = t.TempDir()
	st := uploadsql.New(db)
	return &env{svc: upload.NewService(st, blobs, nil, o), store: st, blobs: blobs, root: root}
}

func (e *env) upload(kind upload.Kind, name string, body io.Reader) (*upload.File, error) {
	return e.svc.Upload(context.Background(), upload.Input{Kind: kind, OwnerKind: "dossier", OwnerID: 7, Name: name, Body: body})
}

func (e *env) stored(t *testing.T, f *upload.File) []byte {
	t.Helper()
	r, err := e.blobs.Open(context.Background(), f.Key)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, _ := io.ReadAll(r)
	return b
}

func (e *env) objects(t *testing.T) int {
	t.Helper()
	n := 0
	for _, err := range e.blobs.List(context.Background(), "") {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	return n
}

// source is a PDF of a given size made up as it is read. It refuses reads
// into a buffer larger than 1 MiB: nothing may slurp the upload whole.
type source struct {
	size, n int64
	h       *countingHash
}

type countingHash struct{ sum []byte }

func (s *source) Read(p []byte) (int, error) {
	if len(p) > 1<<20 {
		return 0, errors.New("read into a single huge buffer")
	}
	if s.n >= s.size {
		return 0, io.EOF
	}
	k := int(min(int64(len(p)), s.size-s.n))
	for i := range k {
		p[i] = byte('a' + (s.n+int64(i))%26)
	}
	if s.n == 0 {
		copy(p, "%PDF-1.7\n")
	}
	s.n += int64(k)
	return k, nil
}

func TestUploadStreams50MBInLittleMemory(t *testing.T) {
	e := newEnv(t, upload.Options{})
	const size = 50<<20 - 1
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f, err := e.upload(upload.Document, "Quy hoạch.pdf", &source{size: size})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4<<20 {
		t.Errorf("a %d MB upload allocated %d KB", size>>20, alloc>>10)
	}
	h := sha256.New()
	io.Copy(h, &source{size: size})
	if f.Size != size || f.SHA256 != hex.EncodeToString(h.Sum(nil)) || f.ContentType != upload.PDF || f.OriginalName != "Quy hoạch.pdf" {
		t.Errorf("file %+v", f)
	}
	if !strings.HasPrefix(f.Key, "document/") || strings.Contains(f.Key, "Quy") {
		t.Errorf("key %q", f.Key)
	}
	got, err := e.store.FindFileByID(context.Background(), f.ID)
	if err != nil || *got != *f {
		t.Errorf("row %+v, %v; want %+v", got, err, f)
	}
}

func TestLimitStopsReadingAtLimitPlusOne(t *testing.T) {
	const limit = 1 << 20
	e := newEnv(t, upload.Options{Policies: map[upload.Kind]upload.Policy{upload.Document: {MaxSize: limit, Types: []string{upload.PDF}}}})
	src := &source{size: 1 << 40}
	_, err := e.upload(upload.Document, "big.pdf", src)
	if !errs.Is(err, errs.TooLarge) {
		t.Fatalf("got %v", err)
	}
	if src.n != limit+1 {
		t.Errorf("read %d bytes from the client, want %d", src.n, limit+1)
	}
	if e.objects(t) != 0 {
		t.Error("a refused upload left an object")
	}
}

func TestSniffingRejectsEXENamedPDF(t *testing.T) {
	e := newEnv(t, upload.Options{})
	exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), make([]byte, 4096)...)
	_, err := e.upload(upload.Document, "hop-dong.pdf", bytes.NewReader(exe))
	if key, _ := errs.KeyOf(err); !errs.Is(err, errs.Invalid) || key != "upload.type_not_allowed" {
		t.Fatalf("got %v", err)
	}
	html := []byte("<!DOCTYPE html><html><script>alert(1)</script>")
	if _, err := e.upload(upload.Image, "anh.png", bytes.NewReader(html)); !errs.Is(err, errs.Invalid) {
		t.Fatalf("html as image: %v", err)
	}
	if e.objects(t) != 0 {
		t.Error("a refused upload left an object")
	}
}

// pngHeader is a PNG whose IHDR claims w×h pixels, with no image data.
func pngHeader(w, h uint32) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
	b := []byte("\x89PNG\r\n\x1a\n")
	b = append(b, chunk("IHDR", ihdr)...)
	return append(b, chunk("IEND", nil)...)
}

func chunk(typ string, data []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	b = append(b, typ...)
	b = append(b, data...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(append([]byte(typ), data...)))
}

func TestPixelBombRejectedBeforeDecode(t *testing.T) {
	e := newEnv(t, upload.Options{})
	_, err := e.upload(upload.Image, "bomb.png", bytes.NewReader(pngHeader(100000, 100000)))
	if key, _ := errs.KeyOf(err); key != "upload.image_too_large" {
		t.Fatalf("got %v (a decode attempt would say upload.image_invalid)", err)
	}
}

// photo is a 20×10 JPEG, red on the left and blue on the right, with an
// Exif segment holding orientation 6 (turn 90° clockwise) and a secret.
func photo(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 20, 10))
	for y := range 10 {
		for x := range 20 {
			c := color.RGBA{R: 255, A: 255}
			if x >= 10 {
				c = color.RGBA{B: 255, A: 255}
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	tiff := []byte("II*\x00\x08\x00\x00\x00\x01\x00\x12\x01\x03\x00\x01\x00\x00\x00\x06\x00\x00\x00\x00\x00\x00\x00")
	payload := append(append([]byte("Exif\x00\x00"), tiff...), "SECRET-GPS 21.0285N 105.8542E"...)
	seg := append([]byte{0xff, 0xe1}, binary.BigEndian.AppendUint16(nil, uint16(len(payload)+2))...)
	seg = append(seg, payload...)
	raw := b.Bytes()
	return append(append(append([]byte{}, raw[:2]...), seg...), raw[2:]...)
}

func TestEXIFStrippedAndImageUpright(t *testing.T) {
	e := newEnv(t, upload.Options{})
	f, err := e.upload(upload.Image, "IMG_0001.JPG", bytes.NewReader(photo(t)))
	if err != nil {
		t.Fatal(err)
	}
	b := e.stored(t, f)
	if bytes.Contains(b, []byte("Exif")) || bytes.Contains(b, []byte("SECRET-GPS")) {
		t.Error("the stored JPEG still has its Exif data")
	}
	img, err := jpeg.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if s := img.Bounds().Size(); s.X != 10 || s.Y != 20 {
		t.Fatalf("stored %v, want 10×20 (turned upright)", s)
	}
	if r, _, bl, _ := img.At(5, 2).RGBA(); r < bl {
		t.Error("top should be red after turning")
	}
	sum := sha256.Sum256(b)
	if f.SHA256 != hex.EncodeToString(sum[:]) || f.Size != int64(len(b)) {
		t.Error("hash and size must be those of the stored bytes")
	}
}

func TestPNGMetadataStripped(t *testing.T) {
	e := newEnv(t, upload.Options{})
	var b bytes.Buffer
	png.Encode(&b, image.NewGray(image.Rect(0, 0, 4, 4)))
	raw := b.Bytes()
	withText := append(append(append([]byte{}, raw[:33]...), chunk("tEXt", []byte("Comment\x00SECRET-PNG"))...), raw[33:]...)
	f, err := e.upload(upload.Image, "a.png", bytes.NewReader(withText))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(e.stored(t, f), []byte("SECRET-PNG")) {
		t.Error("tEXt chunk kept")
	}
}

func TestZipBombRejected(t *testing.T) {
	e := newEnv(t, upload.Options{})
	bomb := zipOf(t, map[string][]byte{"[Content_Types].xml": []byte("<Types/>"), "word/document.xml": make([]byte, 30<<20)})
	_, err := e.upload(upload.Document, "bao-cao.docx", bytes.NewReader(bomb))
	if key, _ := errs.KeyOf(err); key != "upload.archive_rejected" {
		t.Fatalf("bomb: %v", err)
	}
	plain := zipOf(t, map[string][]byte{"a.exe": []byte("MZ")})
	if _, err := e.upload(upload.Document, "a.docx", bytes.NewReader(plain)); !errs.Is(err, errs.Invalid) {
		t.Fatalf("plain zip: %v", err)
	}
	docx := zipOf(t, map[string][]byte{"[Content_Types].xml": []byte("<Types/>"), "word/document.xml": []byte("<w:document/>")})
	f, err := e.upload(upload.Document, "to-trinh.docx", bytes.NewReader(docx))
	if err != nil || f.ContentType != upload.DOCX {
		t.Fatalf("docx: %+v %v", f, err)
	}
	if e.objects(t) != 1 {
		t.Errorf("%d objects, want only the DOCX", e.objects(t))
	}
}
