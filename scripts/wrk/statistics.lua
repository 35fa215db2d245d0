-- wrk script: /thong-ke with a random filter (a unit of the file given, or
-- all units, and a range of months) and a parameter the page ignores but
-- the page cache does not, so every request computes and draws the
-- statistics.
--
--   wrk -s scripts/wrk/statistics.lua URL/thong-ke -- UNIT-CODES-FILE YYYY-MM
--
-- UNIT-CODES-FILE has one unit code per line; YYYY-MM is the last month
-- of the data (the ranges end at or before it, over the 12 months before).

local units = {}
local lastYear, lastMonth

function init(args)
	for line in io.lines(args[1]) do
		if line:match("%S") then units[#units + 1] = line:match("^%s*(.-)%s*$") end
	end
	lastYear, lastMonth = args[2]:match("^(%d+)-(%d+)$")
	lastYear, lastMonth = tonumber(lastYear), tonumber(lastMonth)
	math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

local function month(back)
	local m = lastYear * 12 + (lastMonth - 1) - back
	return string.format("%04d-%02d", math.floor(m / 12), m % 12 + 1)
end

function request()
	local a, b = math.random(0, 11), math.random(0, 11)
	if a < b then a, b = b, a end
	local q = "?from=" .. month(a) .. "&to=" .. month(b)
	if math.random() < 0.8 then q = q .. "&unit=" .. units[math.random(#units)] end
	return wrk.format("GET", wrk.path .. q .. "&r=" .. math.random(1e9))
end
