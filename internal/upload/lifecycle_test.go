package upload_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/cong-vn/cong/internal/blob"
	"github.com/cong-vn/cong/internal/cloudblob"
	"github.com/cong-vn/cong/internal/errs"
	"github.com/cong-vn/cong/internal/fsblob"
	"github.com/cong-vn/cong/internal/jobqueue"
	"github.com/cong-vn/cong/internal/sqlstore"
	"github.com/cong-vn/cong/internal/storetest"
	"github.com/cong-vn/cong/internal/upload"
	"github.com/cong-vn/cong/internal/uploadsql"
)

const pdf = "%PDF-1.7\nxin chào"

func put(t *testing.T, svc *upload.Service, ownerKind string, ownerID int64) *upload.File {
	t.Helper()
	f, err := svc.Upload(context.Background(), upload.Input{Kind: upload.Document, OwnerKind: ownerKind, OwnerID: ownerID, Name: "a.pdf", Body: strings.NewReader(pdf)})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestDeleteOwnerFilesThroughJob(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	if _, err := jobqueue.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	q, err := jobqueue.New(db, jobqueue.Options{PollInterval: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	blobs, _ := fsblob.New(t.TempDir())
	st := uploadsql.New(db)
	svc := upload.NewService(st, blobs, q, upload.Options{TempDir: t.TempDir()})
	if err := jobqueue.Handle(q, svc.DeleteOwnerFiles, jobqueue.KindOptions{}); err != nil {
		t.Fatal(err)
	}
	q.Start(ctx)
	defer q.Stop(ctx)

	gone := []*upload.File{put(t, svc, "dossier", 1), put(t, svc, "dossier", 1)}
	kept := put(t, svc, "dossier", 2)
	errRollback := errors.New("rollback")
	db.InTx(ctx, func(tx *sqlstore.Tx) error { // deleting owner 2 fails: its files stay
		svc.DeleteOwnerFilesTx(ctx, tx, "dossier", 2)
		return errRollback
	})
	if err := db.InTx(ctx, func(tx *sqlstore.Tx) error { return svc.DeleteOwnerFilesTx(ctx, tx, "dossier", 1) }); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		files, _ := st.FindFilesByOwner(ctx, "dossier", 1)
		if len(files) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("owner 1's files were not deleted")
		}
		time.Sleep(20 * time.Millisecond)
	}
	for _, f := range gone {
		if ok, _ := blobs.Exists(ctx, f.Key); ok {
			t.Errorf("object %s kept", f.Key)
		}
	}
	time.Sleep(200 * time.Millisecond)
	if _, err := st.FindFileByID(ctx, kept.ID); err != nil {
		t.Errorf("owner 2's file: %v", err)
	}
	if ok, _ := blobs.Exists(ctx, kept.Key); !ok {
		t.Error("owner 2's object deleted")
	}
}

func TestSweepOrphans(t *testing.T) {
	for name, open := range map[string]func(t *testing.T) blob.Store{
		"fsblob": func(t *testing.T) blob.Store { s, _ := fsblob.New(t.TempDir()); return s },
		"cloudblob-mem": func(t *testing.T) blob.Store {
			s, err := cloudblob.Open(context.Background(), "mem://")
			if err != nil {
				t.Fatal(err)
			}
			return s
		},
	} {
		t.Run(name, func(t *testing.T) { testSweep(t, open(t)) })
	}
}

func testSweep(t *testing.T, blobs blob.Store) {
	ctx := context.Background()
	st := uploadsql.New(storetest.New(t))
	svc := upload.NewService(st, blobs, nil, upload.Options{TempDir: t.TempDir(), OrphanGrace: 300 * time.Millisecond})
	svc.RegisterOwner("dossier", upload.OwnersFunc(func(_ context.Context, ids []int64) (map[int64]bool, error) {
		return map[int64]bool{1: true}, nil // dossier 2 is gone
	}))
	live := put(t, svc, "dossier", 1)
	dead := put(t, svc, "dossier", 2)
	unregistered := put(t, svc, "article", 5)
	blobs.Put(ctx, "document/zz/stray-old", strings.NewReader("x"), blob.Meta{})
	blobs.Put(ctx, "tiles/zz/not-ours", strings.NewReader("x"), blob.Meta{})
	time.Sleep(400 * time.Millisecond)
	blobs.Put(ctx, "document/zz/stray-young", strings.NewReader("x"), blob.Meta{})

	n, err := svc.SweepOrphans(ctx)
	if err != nil || n != 2 {
		t.Fatalf("swept %d, %v; want 2 (dead owner's file, old stray object)", n, err)
	}
	for key, want := range map[string]bool{live.Key: true, dead.Key: false, unregistered.Key: true,
		"document/zz/stray-old": false, "document/zz/stray-young": true, "tiles/zz/not-ours": true} {
		if ok, _ := blobs.Exists(ctx, key); ok != want {
			t.Errorf("%s exists = %v, want %v", key, ok, want)
		}
	}
	if _, err := st.FindFileByID(ctx, dead.ID); !errs.Is(err, errs.NotFound) {
		t.Errorf("dead owner's row: %v", err)
	}
	if n, _ := svc.SweepOrphans(ctx); n != 0 {
		t.Errorf("second sweep removed %d", n)
	}
}

func TestUploadValidatesInput(t *testing.T) {
	e := newEnv(t, upload.Options{})
	ctx := context.Background()
	for name, in := range map[string]upload.Input{
		"unknown kind": {Kind: "video", OwnerKind: "x", OwnerID: 1, Body: strings.NewReader(pdf)},
		"no owner":     {Kind: upload.Document, Body: strings.NewReader(pdf)},
		"empty":        {Kind: upload.Document, OwnerKind: "x", OwnerID: 1, Body: strings.NewReader("")},
	} {
		if _, err := e.svc.Upload(ctx, in); !errs.Is(err, errs.Invalid) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if err := e.svc.DeleteFile(ctx, 12345); !errs.Is(err, errs.NotFound) {
		t.Errorf("delete missing: %v", err)
	}
	f := put(t, e.svc, "x", 1)
	if err := e.svc.DeleteFile(ctx, f.ID); err != nil {
		t.Fatal(err)
	}
	if ok, _ := e.blobs.Exists(ctx, f.Key); ok {
		t.Error("object kept after DeleteFile")
	}
}
