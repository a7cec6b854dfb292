-- wrk script for POST /api/users: every request of a run creates a user with an address no other request used.
--   wrk -t2 -c32 -d10s -s bench/post-users.lua http://127.0.0.1:5000/api/users
-- wrk keeps one Lua state per thread, so an address is RUN-THREAD-COUNTER@bench.example: RUN is the same for the
-- whole run (BENCH_RUN_ID from the environment, else the time and a random number drawn once in the main state),
-- THREAD is the number setup() gives each thread, COUNTER counts that thread's requests.

-- The main state's values are locals with names of their own: thread:set() writes globals of the thread's state,
-- which a local of the same name would hide in init().
local main_run_id = nil
local threads = 0

function setup(thread)
  if main_run_id == nil then
    main_run_id = os.getenv("BENCH_RUN_ID")
    if main_run_id == nil or main_run_id == "" then
      math.randomseed(os.time())
      main_run_id = string.format("%d-%06d", os.time(), math.random(0, 999999))
    end
  end
  threads = threads + 1
  thread:set("run_id", main_run_id)
  thread:set("thread_id", threads)
end

local counter = 0
local headers = { ["Content-Type"] = "application/json" }

function init(args)
  -- run_id and thread_id were set by setup() in this thread's state before init runs.
  prefix = "u" .. run_id .. "-" .. thread_id .. "-"
end

function request()
  counter = counter + 1
  local body = '{"email":"' .. prefix .. counter .. '@bench.example"}'
  return wrk.format("POST", nil, headers, body)
end
