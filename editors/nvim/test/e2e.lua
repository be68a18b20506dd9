-- End-to-end test of the dbspec Neovim plugin against the real server.
-- Run by test/ci.sh:
--   nvim --headless --clean --cmd "set rtp^=editors/nvim" -c "lua dofile(...)"
-- with DBSPEC_BIN (the dbspec binary), DBSPEC_REPO and DBSPEC_WORK (an empty
-- temp dir) in the environment. Prints "N passed, N failed" and exits 1 on failure.
local bin = assert(os.getenv('DBSPEC_BIN'), 'DBSPEC_BIN not set')
local repo = assert(os.getenv('DBSPEC_REPO'), 'DBSPEC_REPO not set')
local work = assert(os.getenv('DBSPEC_WORK'), 'DBSPEC_WORK not set')
local here = debug.getinfo(1, 'S').source:sub(2):match('(.*)/') -- test/
local started = vim.loop.hrtime()

local passed, failed = 0, 0
local function test(name, fn)
  local t0 = vim.loop.hrtime()
  local ok, err = xpcall(fn, debug.traceback)
  local ms = (vim.loop.hrtime() - t0) / 1e6
  if ok then
    passed = passed + 1
    io.stdout:write(('ok    %-52s %4.0f ms\n'):format(name, ms))
  else
    failed = failed + 1
    io.stdout:write(('FAIL  %-52s %4.0f ms\n      %s\n'):format(name, ms, tostring(err):gsub('\n', '\n      ')))
  end
end

local function check(cond, msg, ...)
  if not cond then
    error((msg or 'check failed'):format(...), 2)
  end
end
local function eq(want, got, what)
  if not vim.deep_equal(want, got) then
    error(('%s:\n want %s\n  got %s'):format(what or 'values differ', vim.inspect(want), vim.inspect(got)), 2)
  end
end
local function wait(cond, what, ms)
  if not vim.wait(ms or 3000, cond, 2) then
    error('timed out waiting for ' .. what, 2)
  end
end

local function read(path)
  local f = io.open(path)
  if not f then
    return nil
  end
  local s = f:read('*a')
  f:close()
  return s
end
local function lines_of(path)
  return vim.split(assert(read(path), path), '\n', { plain = true })
end
local function cli(args, input)
  local out = vim.fn.systemlist(vim.list_extend({ bin }, args), input)
  return out, vim.v.shell_error
end

-- The findings `dbspec check` reports for dir, as "file:line:col rule" strings.
local function cli_findings(dir)
  local out = {}
  for _, l in ipairs((cli({ 'check', dir }))) do
    local file, line, col, rule = l:match('^(.-):(%d+):(%d+): %a+: .*%[(%S+)%]$')
    if file then
      table.insert(out, ('%s:%s:%s %s'):format(vim.fn.fnamemodify(file, ':t'), line, col, rule))
    end
  end
  table.sort(out)
  return out
end
-- The same for the LSP diagnostics of the buffers of dir.
local function lsp_findings(dir)
  local out = {}
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    local name = vim.api.nvim_buf_get_name(b)
    if vim.fn.fnamemodify(name, ':h') == dir then
      for _, d in ipairs(vim.diagnostic.get(b)) do
        table.insert(out, ('%s:%d:%d %s'):format(vim.fn.fnamemodify(name, ':t'), d.lnum + 1, d.col + 1, d.code))
      end
    end
  end
  table.sort(out)
  return out
end

-- Moves the cursor to the first match of a Vim pattern in the current buffer.
local function goto_pattern(pat)
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  local pos = vim.fn.searchpos(pat, 'cW')
  check(pos[1] > 0, 'pattern %q not found', pat)
  return pos[1], pos[2]
end
local function syntax_at(pat)
  local l, c = goto_pattern(pat)
  return vim.fn.synIDattr(vim.fn.synID(l, c, 1), 'name')
end

local function client_of(buf)
  for _, c in ipairs(require('dbspec').clients()) do
    if vim.lsp.buf_is_attached(buf, c.id) then
      return c
    end
  end
end

-- Every vim.notify call, for the command tests.
local notes = {}
vim.notify = function(msg, level)
  table.insert(notes, { msg = msg, level = level or vim.log.levels.INFO })
end

-- Copies of the example schemas; a finding introduced into saas: the
-- phone number loses its pii attribute (security/pii-unmarked, an error
-- there, so the schema does not build until it is fixed).
local saas, classic = work .. '/saas', work .. '/classic'
vim.fn.system({ 'cp', '-R', repo .. '/testdata/examples/saas', saas })
vim.fn.system({ 'cp', '-R', repo .. '/testdata/classic', classic })
local tenants = saas .. '/tenants.dbspec'
local text = read(tenants)
local broken, n = text:gsub('\n(  phone_number  text%?) +pii\n', '\n%1\n')
assert(n == 1, 'could not introduce the finding')
local f = assert(io.open(tenants, 'w'))
f:write(broken)
f:close()
local schema_sql = saas .. '/db/schema.sql'

local tbuf, wbuf, cbuf -- tenants.dbspec, work.dbspec, classic/schema.dbspec

-- A file opened before setup() (as with lazy loading) gets a client too.
vim.cmd('edit ' .. vim.fn.fnameescape(classic .. '/schema.dbspec'))
cbuf = vim.api.nvim_get_current_buf()

require('dbspec').setup({ cmd = { bin, 'lsp' }, build_on_save = true })

test('filetype, syntax and ftplugin', function()
  vim.cmd('edit ' .. vim.fn.fnameescape(tenants))
  tbuf = vim.api.nvim_get_current_buf()
  eq('dbspec', vim.bo.filetype, 'filetype')
  eq('dbspec', vim.b.current_syntax, 'syntax')
  eq('// %s', vim.bo.commentstring, 'commentstring')
  eq({ 2, true }, { vim.bo.shiftwidth, vim.bo.expandtab }, 'shiftwidth, expandtab')
end)

test('syntax highlighting groups', function()
  vim.cmd('source ' .. vim.fn.fnameescape(here .. '/syntax.vim'))
  local failures = vim.fn.DbspecSyntaxCheck(saas)
  vim.cmd('buffer ' .. tbuf)
  check(#failures == 0, '%s', table.concat(failures, '\n'))
end)

test('indent re-creates the formatted layout', function()
  local want = lines_of(saas .. '/work.dbspec')
  local buf = vim.api.nvim_create_buf(true, false) -- unnamed: no server
  vim.api.nvim_set_current_buf(buf)
  vim.bo.filetype = 'dbspec'
  local flat = vim.tbl_map(function(l)
    return (l:gsub('^%s+', ''))
  end, want)
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, flat)
  vim.cmd('silent normal! gg=G')
  eq(want, vim.api.nvim_buf_get_lines(buf, 0, -1, false), 'work.dbspec re-indented')
  vim.cmd('buffer ' .. tbuf)
  vim.api.nvim_buf_delete(buf, { force = true })
end)

test('one client per schema directory', function()
  wait(function()
    return client_of(tbuf) ~= nil
  end, 'the client')
  vim.cmd('edit ' .. vim.fn.fnameescape(saas .. '/work.dbspec'))
  wbuf = vim.api.nvim_get_current_buf()
  -- (on 0.7 a client is listed only once it is initialized)
  wait(function()
    return client_of(tbuf) and client_of(wbuf) and client_of(cbuf)
  end, 'a client for each buffer')
  local t, w, c = client_of(tbuf), client_of(wbuf), client_of(cbuf)
  eq(t.id, w.id, 'client of two files of saas')
  check(t.id ~= c.id, 'saas and classic share a client')
  eq({ saas, classic }, { t.config.root_dir, c.config.root_dir }, 'root dirs')
  eq(2, #require('dbspec').clients(), 'clients')
end)

test('diagnostics match dbspec check', function()
  -- every file of both schemas is open, so every finding is in a buffer
  for _, f in ipairs({ 'project', 'audit' }) do
    vim.cmd('edit ' .. vim.fn.fnameescape(saas .. '/' .. f .. '.dbspec'))
  end
  vim.cmd('edit ' .. vim.fn.fnameescape(classic .. '/project.dbspec'))
  for _, dir in ipairs({ saas, classic }) do
    local want = cli_findings(dir)
    check(#want > 0, 'dbspec check found nothing in %s', dir)
    wait(function()
      return vim.deep_equal(want, lsp_findings(dir))
    end, 'diagnostics of ' .. dir .. ': want ' .. vim.inspect(want) .. ' got ' .. vim.inspect(lsp_findings(dir)))
  end
  local d = vim.diagnostic.get(tbuf)
  eq(1, #d, 'diagnostics of tenants.dbspec')
  eq('security/pii-unmarked', d[1].code, 'code')
  eq(vim.diagnostic.severity.ERROR, d[1].severity, 'severity')
  local line = vim.api.nvim_buf_get_lines(tbuf, d[1].lnum, d[1].lnum + 1, false)[1]
  eq('phone_number', line:sub(d[1].col + 1, d[1].end_col), 'text in the range')
end)

test('hover shows the referenced table', function()
  vim.cmd('buffer ' .. wbuf)
  goto_pattern([[tenant_id \+uuid \+-> \zstenants\.id]])
  vim.lsp.buf.hover()
  local float
  wait(function()
    for _, w in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(w).relative ~= '' then
        float = w
        return true
      end
    end
  end, 'the hover window')
  local hover = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(float), 0, -1, false), '\n')
  vim.api.nvim_win_close(float, true)
  -- the doc comment of table tenants, as written in tenants.dbspec
  local doc = read(tenants):match('/// (A customer organization[^\n]*)')
  check(hover:find('tenants', 1, true), 'hover does not name tenants:\n%s', hover)
  check(hover:find(doc, 1, true), 'hover lacks the doc %q:\n%s', doc, hover)
end)

test('go to definition jumps to the table', function()
  vim.cmd('buffer ' .. wbuf)
  goto_pattern([[-> \zsusers\.id]])
  vim.lsp.buf.definition()
  wait(function()
    return vim.api.nvim_get_current_buf() == tbuf
  end, 'a jump to tenants.dbspec')
  local row = vim.api.nvim_win_get_cursor(0)[1]
  check(vim.api.nvim_get_current_line():match('^table users '), 'cursor on line %d: %q', row, vim.api.nvim_get_current_line())
end)

test('quick fix through code_action', function()
  vim.cmd('buffer ' .. tbuf)
  goto_pattern([[^  \zsphone_number]])
  local offered, chosen
  vim.ui.select = function(items, opts, on_choice)
    offered = {}
    for _, item in ipairs(items) do
      local action = item.action or item[2] -- 0.10+: {action, ctx}; 0.7: {client_id, action}
      local title = opts.format_item(item)
      table.insert(offered, title)
      if not chosen and action.kind == 'quickfix' and action.edit and not title:match('^Ignore') then
        chosen = title
        on_choice(item, _)
      end
    end
    if not chosen then
      on_choice(nil)
    end
  end
  vim.lsp.buf.code_action()
  wait(function()
    return offered ~= nil
  end, 'the code action menu')
  check(chosen, 'no quick fix among %s', vim.inspect(offered))
  check(vim.tbl_contains(offered, 'Ignore security/pii-unmarked here'), 'no Ignore action in %s', vim.inspect(offered))
  wait(function()
    return vim.api.nvim_get_current_line():match('^  phone_number +text%? +pii$')
  end, ('the fix %q to apply, line is %q'):format(chosen, vim.api.nvim_get_current_line()))
end)

test('write saves the fix and clears the finding', function()
  check(not read(schema_sql), 'schema.sql exists before the fix')
  vim.cmd('silent write')
  local saved = table.concat(vim.api.nvim_buf_get_lines(tbuf, 0, -1, false), '\n') .. '\n'
  eq(saved, read(tenants), 'tenants.dbspec on disk vs the buffer')
  check(saved:find('\n  phone_number +text%? +pii\n'), 'the fix is not on disk')
  wait(function()
    return #vim.diagnostic.get(tbuf) == 0
  end, 'the finding to go away')
  local _, code = cli({ 'check', saas })
  eq(0, code, 'dbspec check exit code')
end)

test('build on save wrote schema.sql', function()
  wait(function()
    return read(schema_sql) ~= nil
  end, 'db/schema.sql')
  -- the same as `dbspec build` writes for the same files
  local copy = work .. '/saas-build'
  vim.fn.system({ 'cp', '-R', saas, copy })
  vim.fn.delete(copy .. '/db', 'rf')
  local _, code = cli({ 'build', copy })
  eq(0, code, 'dbspec build exit code')
  eq(read(copy .. '/db/schema.sql'), read(schema_sql), 'schema.sql')
  check(read(schema_sql):find('phone_number', 1, true), 'schema.sql lacks phone_number')
end)

test('dbspec/buildResult notification', function()
  wait(function()
    return require('dbspec').last_build[saas] ~= nil
  end, 'a build result for ' .. saas)
  local r = require('dbspec').last_build[saas]
  eq(true, r.ok, 'ok')
  check(vim.tbl_contains(r.written, schema_sql), 'written %s lacks schema.sql', vim.inspect(r.written))
end)

test('formatting', function()
  vim.cmd('buffer ' .. wbuf)
  local l = goto_pattern([[^  budget_amount ]])
  local before = vim.api.nvim_buf_get_lines(wbuf, 0, -1, false)
  -- squeeze the alignment of two lines of table projects
  for i = l, l + 1 do
    local s = vim.api.nvim_buf_get_lines(wbuf, i - 1, i, false)[1]
    vim.api.nvim_buf_set_lines(wbuf, i - 1, i, false, { '\t' .. s:gsub('^%s+', ''):gsub('%s+', ' ') })
  end
  local messy = vim.api.nvim_buf_get_lines(wbuf, 0, -1, false)
  check(not vim.deep_equal(before, messy), 'nothing changed')
  -- what `dbspec fmt` makes of the same text
  vim.fn.mkdir(work .. '/fmt', 'p')
  vim.fn.writefile(messy, work .. '/fmt/work.dbspec')
  local want = cli({ 'fmt', work .. '/fmt/work.dbspec' })
  if vim.lsp.buf.format then
    vim.lsp.buf.format({ async = false, timeout_ms = 3000 })
  else
    vim.lsp.buf.formatting_sync(nil, 3000)
  end
  local got = vim.api.nvim_buf_get_lines(wbuf, 0, -1, false)
  eq(want, got, 'formatted buffer vs dbspec fmt')
  eq(before, got, 'formatted buffer vs the original layout')
end)

test('rename a table across files', function()
  vim.cmd('buffer ' .. wbuf)
  local files = vim.fn.glob(saas .. '/*.dbspec', false, true)
  -- `users` in code (not in comments) before, per file
  local function count(word)
    local n = 0
    for _, f in ipairs(files) do
      for _, line in ipairs(vim.api.nvim_buf_get_lines(vim.fn.bufadd(f), 0, -1, false)) do
        local code = line:gsub('//.*', '')
        for _ in code:gmatch('%f[%w_]' .. word .. '%f[^%w_]') do
          n = n + 1
        end
      end
    end
    return n
  end
  local uses = count('users')
  check(uses >= 3, 'only %d uses of users', uses)
  goto_pattern([[-> \zsusers\.id]])
  -- The server answers position requests only from an analysis of the
  -- present text, with nothing while one is pending: wait for the analysis
  -- of the formatting edits (else Neovim says "nothing to rename").
  local params = vim.lsp.util.make_position_params()
  wait(function()
    local res = vim.lsp.buf_request_sync(0, 'textDocument/prepareRename', params, 1000) or {}
    for _, r in pairs(res) do
      return r.result ~= nil
    end
  end, 'prepareRename to answer')
  notes = {}
  vim.lsp.buf.rename('accounts')
  local ok = vim.wait(3000, function()
    return count('accounts') == uses and count('users') == 0
  end, 2)
  check(ok, 'the rename: %d uses of users, %d of accounts, want %d; messages %s', count('users'), count('accounts'), uses, vim.inspect(notes))
  vim.cmd('silent wall')
  local _, code = cli({ 'check', saas })
  eq(0, code, 'dbspec check exit code after the rename')
end)

test(':DbspecExplain shows the rule doc', function()
  local rule = 'security/pii-unmarked'
  vim.cmd('buffer ' .. tbuf)
  local wins = #vim.api.nvim_tabpage_list_wins(0)
  vim.cmd('DbspecExplain ' .. rule)
  local name = 'dbspec://explain/' .. rule
  wait(function()
    return vim.api.nvim_buf_get_name(0) == name
  end, 'the explain window')
  eq('markdown', vim.bo.filetype, 'filetype')
  eq(cli({ 'explain', rule }), vim.api.nvim_buf_get_lines(0, 0, -1, false), 'text vs dbspec explain')
  eq(wins + 1, #vim.api.nvim_tabpage_list_wins(0), 'windows (a split)')
  vim.cmd('close')
  local names = vim.fn.getcompletion('DbspecExplain security/pii', 'cmdline')
  check(vim.tbl_contains(names, rule), 'completion %s lacks %s', vim.inspect(names), rule)
end)

-- The message the server showed (window/showMessage, through vim.notify).
local function wait_note(pat, what)
  local found
  wait(function()
    for _, n in ipairs(notes) do
      if n.msg:find(pat) then
        found = n
        return true
      end
    end
  end, what .. ' message; got ' .. vim.inspect(notes))
  return found
end

test(':DbspecBuild builds and reports', function()
  vim.cmd('buffer ' .. tbuf)
  notes = {}
  require('dbspec').last_build = {}
  os.remove(schema_sql)
  vim.cmd('DbspecBuild')
  local note = wait_note('wrote .*db/schema%.sql', 'the build')
  eq(vim.log.levels.INFO, note.level, 'level of ' .. note.msg)
  check(read(schema_sql), 'schema.sql not written')
  wait(function()
    return require('dbspec').last_build[saas]
  end, 'the build result')
  eq(1, #notes, 'messages (one, not one per notification)')
end)

test(':DbspecGeneratedSql shows the SQL', function()
  vim.cmd('buffer ' .. tbuf)
  vim.cmd('DbspecGeneratedSql')
  wait(function()
    return vim.bo.filetype == 'sql'
  end, 'the SQL window')
  eq('dbspec://generated/' .. schema_sql, vim.api.nvim_buf_get_name(0), 'buffer name')
  eq(read(schema_sql), table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n') .. '\n', 'SQL vs schema.sql')
  vim.cmd('close')
end)

test(':DbspecSeal seals the pending migration', function()
  notes = {}
  vim.cmd('DbspecSeal create the schema')
  local note = wait_note('seal', 'the seal')
  eq(vim.log.levels.INFO, note.level, 'level of ' .. note.msg)
  local sealed = vim.fn.glob(saas .. '/db/migrations/*create_the_schema.up.sql', false, true)
  eq(1, #sealed, 'sealed migrations')
  local out, code = cli({ 'check', saas }) -- migration/tampered-history checks the sum file
  eq(0, code, 'dbspec check exit code after the seal: ' .. table.concat(out, '\n'))
end)

test('"Show documentation" action opens the rule doc', function()
  vim.cmd('buffer ' .. cbuf)
  local d = vim.diagnostic.get(cbuf)[1]
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  local want = 'Show documentation for ' .. d.code
  vim.ui.select = function(items, opts, on_choice)
    for _, item in ipairs(items) do
      if opts.format_item(item) == want then
        return on_choice(item)
      end
    end
    on_choice(nil)
  end
  vim.lsp.buf.code_action()
  wait(function()
    return vim.api.nvim_buf_get_name(0) == 'dbspec://explain/' .. d.code
  end, 'the documentation of ' .. d.code)
  eq(cli({ 'explain', d.code }), vim.api.nvim_buf_get_lines(0, 0, -1, false), 'text vs dbspec explain')
  vim.cmd('close')
end)

test(':DbspecExplain explains the finding under the cursor', function()
  vim.cmd('buffer ' .. cbuf)
  local d = vim.diagnostic.get(cbuf)[#vim.diagnostic.get(cbuf)]
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  vim.cmd('DbspecExplain')
  wait(function()
    return vim.api.nvim_buf_get_name(0) == 'dbspec://explain/' .. d.code
  end, 'the documentation of ' .. d.code)
  vim.cmd('close')
end)

test(':DbspecRestart restarts the servers', function()
  local before = client_of(tbuf).id
  vim.cmd('DbspecRestart')
  wait(function()
    local c = client_of(tbuf)
    return c and c.id ~= before and client_of(cbuf)
  end, 'new clients')
  eq(2, #require('dbspec').clients(), 'clients')
  eq(client_of(tbuf).id, client_of(wbuf).id, 'client of two files of saas')
end)

for _, c in ipairs(require('dbspec').clients()) do
  require('dbspec.compat').call(c, 'stop')
end
io.stdout:write(('nvim run: %.0f ms\n'):format((vim.loop.hrtime() - started) / 1e6))
io.stdout:write(('%d passed, %d failed\n'):format(passed, failed))
io.stdout:flush()
vim.cmd((failed == 0 and 'qall!' or 'cquit!'))
