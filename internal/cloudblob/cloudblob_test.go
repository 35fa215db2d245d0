package cloudblob_test

import (
	"context"
	"net/url"
	"testing"

	"github.com/cong-vn/cong/internal/blob"
	"github.com/cong-vn/cong/internal/blobtest"
	"github.com/cong-vn/cong/internal/cloudblob"
	"github.com/cong-vn/cong/internal/errs"
)

func open(t *testing.T, rawURL string) blob.Store {
	t.Helper()
	s, err := cloudblob.Open(context.Background(), rawURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestConformanceMem(t *testing.T) {
	blobtest.Run(t, func(t *testing.T) blob.Store { return open(t, "mem://") })
}

func TestConformanceFile(t *testing.T) {
	blobtest.Run(t, func(t *testing.T) blob.Store {
		return open(t, (&url.URL{Scheme: "file", Path: t.TempDir()}).String()+"?no_tmp_dir=true")
	})
}

func TestOpenRejectsUnknownScheme(t *testing.T) {
	if _, err := cloudblob.Open(context.Background(), "ftp://bucket"); !errs.Is(err, errs.Invalid) {
		t.Fatalf("got %v", err)
	}
}
