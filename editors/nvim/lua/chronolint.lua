-- chronolint as a language server in Neovim's built-in LSP client, without
-- nvim-lspconfig. Neovim 0.7 or later (0.8 and later use vim.lsp.start).
--
-- Install: add this directory's parent to 'runtimepath', or copy this file to
-- ~/.config/nvim/lua/chronolint.lua, then in init.lua:
--
--   require('chronolint').setup()
--   -- or: require('chronolint').setup({ cmd = { 'chronolint', 'lsp', '--kind', 'manuscript' } })
--
-- Every markdown and text buffer then gets chronolint's findings as
-- diagnostics (:lua vim.diagnostic.setqflist()), its fixes as code actions
-- (:lua vim.lsp.buf.code_action()) and what it knows of a name on hover
-- (:lua vim.lsp.buf.hover()).
--
-- With Neovim 0.8 or later the same can be written directly:
--
--   vim.api.nvim_create_autocmd('FileType', {
--     pattern = { 'markdown', 'text' },
--     callback = function(args)
--       vim.lsp.start({ name = 'chronolint', cmd = { 'chronolint', 'lsp' },
--                       root_dir = vim.fs.dirname(vim.api.nvim_buf_get_name(args.buf)) })
--     end,
--   })

local M = {}

M.config = {
  cmd = { 'chronolint', 'lsp' },
  filetypes = { 'markdown', 'text' },
}

-- Neovim 0.7 has no vim.lsp.start: one client per root directory, kept here.
local clients = {}

-- The workspace of a buffer: the directory holding its repository's .git,
-- else its own directory, else the current one.
local function root_dir(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' then
    return vim.fn.getcwd()
  end
  local dir = vim.fn.fnamemodify(name, ':p:h')
  local git = vim.fn.finddir('.git', dir .. ';')
  if git ~= '' then
    return vim.fn.fnamemodify(git, ':p:h:h')
  end
  return dir
end

-- Start chronolint for the buffer's workspace, or reuse it, and attach.
-- Returns the client id.
function M.attach(bufnr)
  if bufnr == nil or bufnr == 0 then
    bufnr = vim.api.nvim_get_current_buf()
  end
  local config = { name = 'chronolint', cmd = M.config.cmd, root_dir = root_dir(bufnr) }
  if vim.lsp.start then
    -- 0.8.0 attaches the current buffer whatever opts.bufnr says
    return vim.api.nvim_buf_call(bufnr, function()
      return vim.lsp.start(config, { bufnr = bufnr })
    end)
  end
  local root = config.root_dir
  local id = clients[root]
  if id == nil then
    -- forgotten when it exits (a client still starting is not yet "active")
    config.on_exit = function()
      clients[root] = nil
    end
    config.workspace_folders = { { uri = vim.uri_from_fname(root), name = root } }
    id = vim.lsp.start_client(config)
    clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

-- Attach chronolint to every buffer of the configured file types.
function M.setup(opts)
  M.config = vim.tbl_extend('force', M.config, opts or {})
  local group = vim.api.nvim_create_augroup('chronolint', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.config.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
end

return M
