package upload

import (
	"archive/zip"
	"fmt"
)

// checkZip rejects a container whose directory announces a decompression
// bomb: too many entries, too much in total, or an entry (or the whole)
// compressed too well. size is the container's size.
func checkZip(zr *zip.Reader, size int64, l ZipLimits) error {
	if len(zr.File) > l.MaxEntries {
		return fmt.Errorf("%d entries, limit %d", len(zr.File), l.MaxEntries)
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > l.MaxTotal || total < f.UncompressedSize64 {
			return fmt.Errorf("more than %d bytes uncompressed", l.MaxTotal)
		}
		if f.UncompressedSize64 > 1<<20 && ratio(f.UncompressedSize64, f.CompressedSize64) > l.MaxRatio {
			return fmt.Errorf("entry %q compressed %.0f×", f.Name, ratio(f.UncompressedSize64, f.CompressedSize64))
		}
	}
	if total > 1<<20 && ratio(total, uint64(max(size, 1))) > l.MaxRatio {
		return fmt.Errorf("archive compressed %.0f×", ratio(total, uint64(size)))
	}
	return nil
}

// ratio is how many times a entry grows when decompressed.
func ratio(uncompressed, compressed uint64) float64 {
	return float64(uncompressed) / float64(max(compressed, 1))
}
