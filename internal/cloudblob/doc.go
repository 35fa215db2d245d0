// Package cloudblob is the object-store adapter of blob.Store, through
// gocloud.dev/blob, so several nodes can share files.
//
// Open takes a bucket URL: s3://bucket?region=…&endpoint=…&use_path_style=true
// for S3 and S3-compatible stores (MinIO, Ceph, a government cloud's
// object storage), with credentials from the usual AWS environment
// variables or files; file:///dir and mem:// serve tests. A write is
// committed only by a successful Close, so an interrupted Put leaves
// nothing behind.
package cloudblob
