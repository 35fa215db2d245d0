// Package fsblob is the local-directory adapter of blob.Store, the
// default: each object is a file under the root directory, its key the
// relative path.
//
// Put writes a temporary file (".tmp-*") beside the target, syncs it,
// renames it into place and syncs the directory, so a crash leaves either
// the old object or the new one, never half of one; List skips temporary
// files a crash may leave behind. Content types are not stored (the
// database has them). Directories are created 0750 and files 0640.
package fsblob
