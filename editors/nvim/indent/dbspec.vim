" Indent for dbspec schemas: one shiftwidth per open { or (. Vim and Neovim.
if exists('b:did_indent')
  finish
endif
let b:did_indent = 1
setlocal indentexpr=DbspecIndent(v:lnum) indentkeys=0},0),!^F,o,O,e autoindent nosmartindent nocindent
let b:undo_indent = 'setlocal indentexpr< indentkeys< autoindent< smartindent< cindent<'

if exists('*DbspecIndent')
  finish
endif

" The code of a line without strings and its // comment.
function! s:Code(lnum) abort
  let line = getline(a:lnum)
  let line = substitute(line, '"\%([^"\\]\|\\.\)*"\|''\%([^'']\|''''\)*''\|`[^`]*`', '""', 'g')
  return substitute(line, '//.*$', '', '')
endfunction

function! DbspecIndent(lnum) abort
  let prev = prevnonblank(a:lnum - 1)
  if prev == 0
    return 0
  endif
  let code = s:Code(prev)
  let ind = indent(prev)
  " Brackets the previous line opened and left open.
  let open = len(substitute(code, '[^{(]', '', 'g')) - len(substitute(code, '[^})]', '', 'g'))
  " A previous line starting with a closer was already dedented for it.
  if code =~# '^\s*[})]'
    let open += 1
  endif
  if open > 0
    let ind += shiftwidth()
  elseif open < 0 && code !~# '^\s*[})]'
    let ind -= shiftwidth()
  endif
  if getline(a:lnum) =~# '^\s*[})]'
    let ind -= shiftwidth()
  endif
  return max([ind, 0])
endfunction
