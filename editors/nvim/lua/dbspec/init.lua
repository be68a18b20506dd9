-- dbspec for Neovim: starts `dbspec lsp` for dbspec buffers, one client per
-- schema directory, and adds the :Dbspec* commands. Every language feature
-- (diagnostics, fixes, hover, rename, formatting, build on save) comes from
-- the server. Works on Neovim 0.7 and later.
local compat = require('dbspec.compat')

local M = {}

M.defaults = {
  -- The server command. Point it at a binary outside PATH with
  -- { '/path/to/dbspec', 'lsp' }; add '--log-file', '/tmp/dbspec.log' to debug.
  cmd = { 'dbspec', 'lsp' },
  -- Write schema.sql, Go types and the pending migration on save.
  build_on_save = true,
  -- Also vim.notify successful builds on save. (Failures, and the results
  -- of :DbspecBuild and :DbspecSeal, the server shows itself.)
  notify_build_success = false,
  -- Start the server for every dbspec buffer. With false, setup() only adds
  -- the commands and handlers (for nvim-lspconfig or vim.lsp.config users).
  autostart = true,
  -- The schema directory of a file: its own directory (a schema is a directory).
  root_dir = function(fname)
    return vim.fn.fnamemodify(fname, ':p:h')
  end,
  on_attach = nil, -- function(client, bufnr)
  capabilities = nil, -- default: vim.lsp.protocol.make_client_capabilities()
  flags = nil, -- passed to the client, e.g. { debounce_text_changes = 50 }
}

M.config = vim.deepcopy(M.defaults)

-- The last build result per schema directory, from dbspec/buildResult:
-- { dir = ..., ok = bool, written = { paths }, message = ... }.
M.last_build = {}

local clients = {} -- schema directory -> client id

local function on_build_result(_, result)
  if type(result) ~= 'table' then
    return
  end
  M.last_build[result.dir or ''] = result
  -- A build a command asked for is reported by the command.
  if result.ok and result.onSave and M.config.notify_build_success then
    vim.notify(result.message, vim.log.levels.INFO)
  end
  -- For statuslines: autocmd User DbspecBuildResult, then read last_build.
  compat.user_event('DbspecBuildResult', result)
end

-- Neovim 0.7 writes window/showMessage to the message area; 0.8+ (and this)
-- use vim.notify, so that notification plugins show the server's messages.
local function show_message(_, result, ctx)
  local client = vim.lsp.get_client_by_id(ctx.client_id)
  local levels = { vim.log.levels.ERROR, vim.log.levels.WARN, vim.log.levels.INFO, vim.log.levels.DEBUG }
  vim.notify(('LSP[%s] %s'):format(client and client.name or 'dbspec', result.message), levels[result.type] or vim.log.levels.INFO)
  return result
end

--- Handlers to add to a client config (nvim-lspconfig, vim.lsp.config).
M.handlers = {
  ['dbspec/buildResult'] = on_build_result,
}
if not compat.has('nvim-0.8') then
  M.handlers['window/showMessage'] = show_message
end

--- Client-side commands: the server's "Show documentation" code action
--- opens the rule's documentation in a split instead of a browser.
M.commands = {
  ['dbspec.lsp.showDocumentation'] = function(command)
    local arg = command.arguments and command.arguments[1] or {}
    require('dbspec.commands').explain(arg.rule)
  end,
}

--- The client config for the schema in dir, for vim.lsp.start(_client).
function M.client_config(dir)
  local c = M.config
  return {
    name = 'dbspec',
    cmd = c.cmd,
    root_dir = dir,
    init_options = { buildOnSave = c.build_on_save },
    settings = { dbspec = { buildOnSave = c.build_on_save } },
    capabilities = c.capabilities or vim.lsp.protocol.make_client_capabilities(),
    handlers = M.handlers,
    flags = c.flags,
    on_attach = c.on_attach,
    on_exit = function(_, _, client_id)
      if clients[dir] == client_id then
        clients[dir] = nil
      end
    end,
  }
end

local warned_missing = false

--- Starts (or reuses) the client of the buffer's schema directory and
--- attaches the buffer to it. Returns the client id, or nil.
function M.attach(bufnr)
  if bufnr == nil or bufnr == 0 then
    bufnr = vim.api.nvim_get_current_buf()
  end
  if not vim.api.nvim_buf_is_valid(bufnr) or vim.bo[bufnr].buftype ~= '' then
    return nil
  end
  local fname = vim.api.nvim_buf_get_name(bufnr)
  if fname == '' or fname:match('^%a[%w+.-]*://') then
    return nil -- unnamed or not a file
  end
  if vim.fn.executable(M.config.cmd[1]) == 0 then
    if not warned_missing then
      warned_missing = true
      vim.notify(
        ('dbspec: %q is not executable. Install dbspec (`go install ./cmd/dbspec` in a clone of the '
          .. "repository) or set cmd in require('dbspec').setup()"):format(M.config.cmd[1]),
        vim.log.levels.WARN
      )
    end
    return nil
  end
  local dir = M.config.root_dir(fname)
  local id = clients[dir]
  local client = id and vim.lsp.get_client_by_id(id)
  if client and not compat.call(client, 'is_stopped') then
    vim.lsp.buf_attach_client(bufnr, id)
    return id
  end
  local config = M.client_config(dir)
  if compat.has('nvim-0.8') then
    -- 0.8 attaches the current buffer (opts.bufnr is 0.9+)
    vim.api.nvim_buf_call(bufnr, function()
      id = vim.lsp.start(config, { bufnr = bufnr })
    end)
  else
    id = vim.lsp.start_client(config)
    if id then
      vim.lsp.buf_attach_client(bufnr, id)
    end
  end
  clients[dir] = id
  return id
end

--- The running dbspec clients.
function M.clients()
  return compat.clients('dbspec')
end

--- Tells the running servers about a changed build_on_save.
function M.set_build_on_save(on)
  M.config.build_on_save = on
  for _, client in ipairs(M.clients()) do
    compat.call(client, 'notify', 'workspace/didChangeConfiguration', { settings = { dbspec = { buildOnSave = on } } })
  end
end

--- Stops the servers and starts them again for the buffers they served.
function M.restart()
  local bufs = {}
  for _, client in ipairs(M.clients()) do
    vim.list_extend(bufs, compat.buffers(client))
    compat.call(client, 'stop')
  end
  clients = {}
  local tries = 0
  local function again()
    tries = tries + 1
    if #M.clients() > 0 and tries < 250 then
      return vim.defer_fn(again, 20)
    end
    for _, b in ipairs(bufs) do
      M.attach(b)
    end
  end
  again()
end

local function is_dbspec_file(bufnr)
  return vim.api.nvim_buf_get_name(bufnr):match('%.dbspec$') ~= nil
end

--- Configures the plugin: see M.defaults and README.md.
function M.setup(opts)
  M.config = vim.tbl_extend('force', vim.deepcopy(M.defaults), opts or {})
  local group = vim.api.nvim_create_augroup('dbspec', { clear = true })
  -- Detection, also when setup() runs after startup (lazy loading):
  -- ftdetect/dbspec.vim does the same at startup.
  pcall(vim.filetype.add, { extension = { dbspec = 'dbspec' } })
  vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
    group = group,
    pattern = '*.dbspec',
    command = 'setfiletype dbspec',
  })
  if M.config.autostart then
    vim.api.nvim_create_autocmd('FileType', {
      group = group,
      pattern = 'dbspec',
      callback = function(args)
        M.attach(args.buf)
      end,
    })
  end
  require('dbspec.commands').create()
  for name, fn in pairs(M.commands) do -- for any dbspec client, lspconfig's too
    vim.lsp.commands[name] = fn
  end
  -- Buffers opened before setup().
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) and is_dbspec_file(b) then
      if vim.bo[b].filetype == '' then
        vim.api.nvim_buf_call(b, function()
          vim.cmd('setfiletype dbspec') -- runs the FileType autocmd
        end)
      elseif vim.bo[b].filetype == 'dbspec' and M.config.autostart then
        M.attach(b)
      end
    end
  end
end

return M
