-- wrk script: /api/v1/search with a different query on every request, so
-- the page cache cannot answer and every request runs the search engine.
-- A query is two or three words drawn from the vocabulary below (words of
-- procedures, units and legal texts, with and without diacritics), which
-- gives over a million distinct queries.
--
--   wrk -s scripts/wrk/search.lua URL/api/v1/search

local words = {
	"đăng", "ký", "kết", "hôn", "khai", "sinh", "giấy", "phép", "xây", "dựng",
	"hộ", "kinh", "doanh", "cư", "trú", "đất", "đai", "chứng", "thực", "bản",
	"sao", "thủ", "tục", "hành", "chính", "phường", "xã", "sở", "tư", "pháp",
	"dang", "ky", "ket", "hon", "giay", "phep", "xay", "dung", "ho", "tich",
	"quyen", "su", "dung", "nha", "o", "tro", "cap", "xa", "hoi", "bao",
	"hiểm", "y", "tế", "lao", "động", "việc", "làm", "môi", "trường", "giáo",
	"dục", "trường", "học", "nông", "nghiệp", "thuế", "phí", "lệ", "cấp", "lại",
	"điều", "luật", "nghị", "định", "quyết", "thông", "tư", "ủy", "ban", "nhân",
	"dân", "thành", "phố", "hà", "nội", "quận", "huyện", "trung", "tâm", "phục",
	"vụ", "công", "an", "cước", "công", "dân", "chuyển", "nhượng", "thừa", "kế",
}

local function esc(s)
	return (s:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
	math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

function request()
	local n = math.random(2, 3)
	local q = {}
	for k = 1, n do q[k] = esc(words[math.random(#words)]) end
	return wrk.format("GET", wrk.path .. "?q=" .. table.concat(q, "+") .. "&r=" .. math.random(1e9))
end
