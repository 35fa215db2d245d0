-- wrk script: the dossier status lookup, as citizens use it. Each request
-- POSTs the form of /tra-cuu-ho-so with a receipt code and its second
-- factor taken in turn from a file of "code factor" lines (the demo seed
-- writes demo-dossiers.txt; scripts/bench-load.sh turns it into such a
-- file). Every lookup succeeds (wrk reports any other answer as
-- "Non-2xx"), so the rate limits, which count failures only, never answer
-- instead of the lookup.
--
--   wrk -s scripts/wrk/lookup.lua URL/tra-cuu-ho-so -- FILE

local pairs_ = {}
local i = 0

function init(args)
	for line in io.lines(args[1]) do
		local code, factor = line:match("^(%S+)%s+(%S+)$")
		if code then pairs_[#pairs_ + 1] = {code, factor} end
	end
	if #pairs_ == 0 then error("no receipt codes in " .. tostring(args[1])) end
	i = math.random(#pairs_)
end

function request()
	i = i % #pairs_ + 1
	local p = pairs_[i]
	local body = "code=" .. p[1] .. "&factor=" .. p[2]
	return wrk.format("POST", nil, {["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end
