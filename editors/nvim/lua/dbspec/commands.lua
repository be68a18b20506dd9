-- The :Dbspec* user commands. Each runs a server command
-- (workspace/executeCommand dbspec.lsp.*) for the current buffer's schema.
local compat = require('dbspec.compat')

local M = {}

local function notify_error(msg)
  vim.notify('dbspec: ' .. msg, vim.log.levels.ERROR)
end

--- The client and document uri a command works on: the current buffer's
--- client, else the only running one (with its schema directory).
local function target()
  local buf = vim.api.nvim_get_current_buf()
  local all = require('dbspec').clients()
  for _, c in ipairs(all) do
    if vim.lsp.buf_is_attached(buf, c.id) then
      return c, vim.uri_from_bufnr(buf), buf
    end
  end
  if #all == 1 then
    return all[1], vim.uri_from_fname(all[1].config.root_dir), nil
  elseif #all == 0 then
    return nil, 'no dbspec language server is running: open a .dbspec file'
  end
  return nil, 'several dbspec schemas are open: run the command from a file of one of them'
end

--- Runs the server command `command` with one argument table; on success
--- calls on_result(result, client).
function M.execute(command, arg, on_result)
  local client, uri, buf = target()
  if not client then
    return notify_error(uri)
  end
  if not vim.tbl_contains(compat.server_commands(client), command) then
    return notify_error(('this dbspec server does not support %s: update dbspec'):format(command))
  end
  arg.uri = arg.uri or uri
  local params = { command = command, arguments = { arg } }
  compat.call(client, 'request', 'workspace/executeCommand', params, function(err, result)
    if err then
      return notify_error(err.message or tostring(err))
    end
    on_result(result, client)
  end, buf)
end

--- Shows text in a scratch split (reusing the window of an earlier one).
function M.show_scratch(name, text, filetype)
  local lines = vim.split(text, '\n', { plain = true })
  if lines[#lines] == '' then
    table.remove(lines)
  end
  local buf
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_get_name(b) == name then
      buf = b
    end
  end
  if not buf then
    buf = vim.api.nvim_create_buf(false, true)
    vim.api.nvim_buf_set_name(buf, name)
    vim.bo[buf].bufhidden = 'wipe'
    vim.api.nvim_buf_set_keymap(buf, 'n', 'q', '<cmd>close<cr>', { nowait = true, silent = true })
  end
  vim.bo[buf].modifiable = true
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  vim.bo[buf].modifiable = false
  vim.bo[buf].filetype = filetype
  -- A window of this tab already showing a dbspec scratch buffer, else a new split.
  local win
  for _, w in ipairs(vim.api.nvim_tabpage_list_wins(0)) do
    if vim.api.nvim_buf_get_name(vim.api.nvim_win_get_buf(w)):match('^dbspec://') then
      win = w
    end
  end
  if not win then
    vim.cmd('belowright split')
    win = vim.api.nvim_get_current_win()
  end
  vim.api.nvim_win_set_buf(win, buf)
  vim.api.nvim_set_current_win(win)
  return buf
end

--- The rule of the diagnostic under the cursor, if any.
local function rule_at_cursor()
  local row, col = unpack(vim.api.nvim_win_get_cursor(0))
  local best
  for _, d in ipairs(vim.diagnostic.get(0, { lnum = row - 1 })) do
    if d.source == 'dbspec' or type(d.code) == 'string' then
      if d.col <= col and col <= (d.end_col or d.col) then
        return d.code
      end
      best = best or d.code
    end
  end
  return best
end

--- Shows the documentation of a rule (default: the one under the cursor).
function M.explain(rule)
  rule = (rule and rule ~= '') and rule or rule_at_cursor()
  if not rule then
    return notify_error('no finding under the cursor: give a rule, e.g. :DbspecExplain naming/snake-case')
  end
  M.execute('dbspec.lsp.explain', { rule = rule }, function(result)
    M.show_scratch('dbspec://explain/' .. result.rule, result.markdown, 'markdown')
  end)
end

function M.build()
  -- the server shows the result (window/showMessage)
  M.execute('dbspec.lsp.build', {}, function() end)
end

function M.seal(message)
  local function seal(msg)
    if not msg or msg == '' then
      return
    end
    M.execute('dbspec.lsp.seal', { message = msg }, function() end)
  end
  if message and message ~= '' then
    seal(message)
  else
    vim.ui.input({ prompt = 'Migration message: ' }, seal)
  end
end

--- Shows the SQL the current buffers generate, in a scratch split.
function M.generated_sql()
  M.execute('dbspec.lsp.generatedSql', {}, function(result)
    local name = result.path ~= '' and result.path or 'schema.sql'
    M.show_scratch('dbspec://generated/' .. name, result.sql, 'sql')
  end)
end

local rule_names

--- The rule names, from `dbspec rules` (the server binary, with `rules`
--- in place of `lsp`), plus the codes of the current diagnostics.
function M.rule_names()
  if not rule_names then
    rule_names = {}
    local cmd = vim.deepcopy(require('dbspec').config.cmd)
    for i, a in ipairs(cmd) do
      if a == 'lsp' then
        cmd = vim.list_slice(cmd, 1, i)
        cmd[i] = 'rules'
        local out = vim.fn.systemlist(cmd)
        if vim.v.shell_error == 0 then
          for _, line in ipairs(out) do
            local name = line:match('^(%S+/%S+)')
            if name then
              table.insert(rule_names, name)
            end
          end
        end
        break
      end
    end
  end
  local seen, names = {}, {}
  local function add(n)
    if type(n) == 'string' and not seen[n] then
      seen[n] = true
      table.insert(names, n)
    end
  end
  vim.tbl_map(add, rule_names)
  for _, d in ipairs(vim.diagnostic.get()) do
    add(d.code)
  end
  table.sort(names)
  return names
end

function M.create()
  local function cmd(name, fn, opts)
    pcall(vim.api.nvim_del_user_command, name)
    vim.api.nvim_create_user_command(name, fn, opts)
  end
  cmd('DbspecBuild', M.build, { nargs = 0, desc = 'dbspec: build the schema (schema.sql, Go, migration)' })
  cmd('DbspecExplain', function(a)
    M.explain(a.args)
  end, {
    nargs = '?',
    desc = 'dbspec: show the documentation of a rule',
    complete = function(lead)
      return vim.tbl_filter(function(n)
        return n:sub(1, #lead) == lead
      end, M.rule_names())
    end,
  })
  cmd('DbspecSeal', function(a)
    M.seal(a.args)
  end, { nargs = '*', desc = 'dbspec: seal the pending migration with a message' })
  cmd('DbspecGeneratedSql', M.generated_sql, { nargs = 0, desc = 'dbspec: show the generated SQL' })
  cmd('DbspecRestart', function()
    require('dbspec').restart()
  end, { nargs = 0, desc = 'dbspec: restart the language server' })
end

return M
