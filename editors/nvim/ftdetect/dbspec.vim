" *.dbspec files are dbspec schemas. Works in Vim and Neovim: Neovim 0.8+
" (and 0.7 with g:do_filetype_lua) reads vim.filetype.add; the autocmd
" covers Vim and Neovim 0.7's default filetype.vim detection.
if has('nvim-0.7')
  lua pcall(vim.filetype.add, { extension = { dbspec = 'dbspec' } })
endif
autocmd BufRead,BufNewFile *.dbspec setfiletype dbspec
