-- What differs between Neovim 0.7 and later versions, in one place.
local M = {}

function M.has(feature)
  return vim.fn.has(feature) == 1
end

local methods = M.has('nvim-0.11') -- client:request() style; 0.11 deprecates client.request()

--- Calls a client method: client:name(...) on 0.11+, client.name(...) before.
function M.call(client, name, ...)
  if methods then
    return client[name](client, ...)
  end
  return client[name](...)
end

--- The running clients with the given name.
function M.clients(name)
  local all = (vim.lsp.get_clients or vim.lsp.get_active_clients)()
  local out = {}
  for _, c in ipairs(all) do
    if c.name == name then
      table.insert(out, c)
    end
  end
  return out
end

--- The buffers a client is attached to.
function M.buffers(client)
  if type(client.attached_buffers) == 'table' then -- 0.10+
    return vim.tbl_keys(client.attached_buffers)
  end
  return vim.lsp.get_buffers_by_client_id(client.id)
end

--- Fires `User <pattern>` autocmds; data (0.8+) carries the payload.
function M.user_event(pattern, data)
  local opts = { pattern = pattern, modeline = false }
  if M.has('nvim-0.8') then
    opts.data = data
  end
  pcall(vim.api.nvim_exec_autocmds, 'User', opts)
end

--- The server's advertised workspace/executeCommand commands.
function M.server_commands(client)
  local caps = client.server_capabilities or {}
  local provider = caps.executeCommandProvider
  return type(provider) == 'table' and provider.commands or {}
end

return M
