// Package blob is the port of file storage: a flat namespace of objects
// named by keys the server chooses, holding bytes (uploads, attachments,
// map tiles). Metadata such as owner and original name lives in the
// database, not here.
//
// Two adapters implement Store: fsblob, a local directory (the default,
// under $CONG_DATA_DIR/files), and cloudblob, any gocloud.dev bucket URL
// (s3://bucket?region=…&endpoint=… for S3-compatible storage shared by
// several nodes). Both pass the conformance suite in blobtest.
package blob
