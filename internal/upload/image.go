package upload

import (
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"io"
)

// checkPixels reads only the image header and rejects an image of more
// than maxPixels pixels, before anything is decoded.
func checkPixels(r io.Reader, maxPixels int64) error {
	cfg, _, err := image.DecodeConfig(r)
	if err != nil {
		return fmt.Errorf("unreadable image header: %w", err)
	}
	if int64(cfg.Width)*int64(cfg.Height) > maxPixels || cfg.Width <= 0 || cfg.Height <= 0 {
		return fmt.Errorf("%d×%d pixels, limit %d", cfg.Width, cfg.Height, maxPixels)
	}
	return nil
}

// reencode decodes a JPEG or PNG from src and writes it to dst without
// any metadata; a JPEG is first turned upright by its EXIF orientation,
// which the copy no longer carries.
func reencode(dst io.Writer, src io.ReadSeeker, contentType string) error {
	orientation := 1
	if contentType == JPEG {
		orientation = exifOrientation(src)
		if _, err := src.Seek(0, io.SeekStart); err != nil {
			return err
		}
	}
	img, _, err := image.Decode(src)
	if err != nil {
		return fmt.Errorf("undecodable image: %w", err)
	}
	switch contentType {
	case JPEG:
		return jpeg.Encode(dst, orient(img, orientation), &jpeg.Options{Quality: 90})
	case PNG:
		return png.Encode(dst, img)
	}
	return errors.New("only JPEG and PNG images can be cleaned")
}

// exifOrientation returns the EXIF orientation (1–8) of a JPEG, or 1. It
// walks the segments before the image data looking for an Exif APP1.
func exifOrientation(r io.Reader) int {
	br := io.LimitReader(r, 256<<10)
	var soi [2]byte
	if _, err := io.ReadFull(br, soi[:]); err != nil || soi != [2]byte{0xff, 0xd8} {
		return 1
	}
	for {
		var hdr [4]byte
		if _, err := io.ReadFull(br, hdr[:]); err != nil || hdr[0] != 0xff || hdr[1] == 0xda {
			return 1
		}
		n := int(binary.BigEndian.Uint16(hdr[2:])) - 2
		if n < 0 {
			return 1
		}
		seg := make([]byte, n)
		if _, err := io.ReadFull(br, seg); err != nil {
			return 1
		}
		if hdr[1] == 0xe1 && len(seg) > 6 && string(seg[:6]) == "Exif\x00\x00" {
			return tiffOrientation(seg[6:])
		}
	}
}

// tiffOrientation finds tag 0x0112 in the first IFD of a TIFF structure.
func tiffOrientation(b []byte) int {
	if len(b) < 8 {
		return 1
	}
	var bo binary.ByteOrder
	switch string(b[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 1
	}
	off := int(bo.Uint32(b[4:]))
	if off < 8 || off+2 > len(b) {
		return 1
	}
	count := int(bo.Uint16(b[off:]))
	for i := range count {
		e := off + 2 + 12*i
		if e+12 > len(b) {
			return 1
		}
		if bo.Uint16(b[e:]) == 0x0112 {
			if v := int(bo.Uint16(b[e+8:])); v >= 1 && v <= 8 {
				return v
			}
			return 1
		}
	}
	return 1
}

// orient applies an EXIF orientation, returning an upright image.
func orient(img image.Image, o int) image.Image {
	if o <= 1 || o > 8 {
		return img
	}
	b := img.Bounds()
	src := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(src, src.Bounds(), img, b.Min, draw.Src)
	w, h := b.Dx(), b.Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := range h {
		for x := range w {
			dx, dy := place(o, x, y, w, h)
			copy(dst.Pix[dst.PixOffset(dx, dy):][:4], src.Pix[src.PixOffset(x, y):][:4])
		}
	}
	return dst
}

// place maps a source pixel to its upright position for orientation o.
func place(o, x, y, w, h int) (int, int) {
	switch o {
	case 2:
		return w - 1 - x, y
	case 3:
		return w - 1 - x, h - 1 - y
	case 4:
		return x, h - 1 - y
	case 5:
		return y, x
	case 6:
		return h - 1 - y, x
	case 7:
		return h - 1 - y, w - 1 - x
	case 8:
		return y, w - 1 - x
	}
	return x, y
}
