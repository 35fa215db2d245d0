package search

import "testing"

func TestPage(t *testing.T) {
	tests := []struct{ offset, limit, wantOffset, wantLimit int }{
		{0, 0, 0, DefaultLimit},
		{-3, -1, 0, DefaultLimit},
		{20, 5, 20, 5},
		{MaxOffset + 1, MaxLimit + 1, MaxOffset, MaxLimit},
	}
	for _, tt := range tests {
		o, l := Query{Offset: tt.offset, Limit: tt.limit}.Page()
		if o != tt.wantOffset || l != tt.wantLimit {
			t.Errorf("Page(%d, %d) = %d, %d; want %d, %d", tt.offset, tt.limit, o, l, tt.wantOffset, tt.wantLimit)
		}
	}
}
