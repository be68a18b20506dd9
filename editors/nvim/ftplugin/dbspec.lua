-- Buffer settings for dbspec schemas: comments and 2-space indent.
-- (syntax/dbspec.vim defines folds: `:setlocal foldmethod=syntax` uses them.)
if vim.b.did_ftplugin then
  return
end
vim.b.did_ftplugin = 1

local o = vim.opt_local
o.commentstring = '// %s'
o.comments = { ':///', '://' }
o.formatoptions:remove('t')
o.formatoptions:append('croqlj')
o.expandtab = true
o.shiftwidth = 2
o.softtabstop = 2
o.suffixesadd = '.dbspec'
o.iskeyword = '@,48-57,_,192-255'

vim.b.undo_ftplugin = 'setlocal commentstring< comments< formatoptions< expandtab< shiftwidth<'
  .. ' softtabstop< tabstop< suffixesadd< iskeyword<'
