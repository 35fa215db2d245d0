// Package upload receives, checks, stores and serves files: attachments
// of dossiers, images of articles, planning maps.
//
// Service.Upload streams the body to storage without holding it in
// memory, through a reader that counts, hashes (SHA-256) and stops one
// byte past the kind's size limit. The content type is decided from the
// bytes, never from the name, and must be on the kind's allow-list:
// PDF, DOCX and XLSX (a ZIP whose [Content_Types].xml and main part say
// so), PNG, JPEG, TIFF, WebP. Files that need a look at the whole (ZIP
// containers, images to clean) are spooled to a temporary file first;
// the others go straight to the blob store.
//
// Images: the pixel count is read from the header (image.DecodeConfig)
// and checked before anything is decoded; JPEG and PNG are then decoded,
// turned upright according to their EXIF orientation and re-encoded,
// which drops EXIF (GPS position, camera serial) and every other metadata
// chunk. ZIP containers (DOCX, XLSX) are checked against decompression
// bombs from their central directory alone: number of entries, total
// uncompressed size and compression ratio. Readers that later extract
// them must still bound what they read: the directory can lie.
//
// Stored names are random keys chosen by the server ("document/3f/3fa9…");
// the client's name is cleaned and kept for Content-Disposition only.
// ServeFile sends a file with its type, nosniff, a sandboxing CSP,
// attachment disposition and an ETag from its hash.
//
// A file belongs to an owner (owner kind and ID, e.g. "dossier", 42).
// Deleting an owner enqueues DeleteOwnerFilesArgs in the same
// transaction; the daily SweepOrphans removes stored objects without a
// row and rows whose owner is gone, asking each owner kind's registered
// Owners which IDs still exist.
//
// Authorisation belongs to the callers: they decide who may attach files
// to, or read the files of, an owner.
package upload
