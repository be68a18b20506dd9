" Checks syntax/dbspec.vim on the saas example; shared by the Neovim test
" (e2e.lua) and the Vim check in ci.sh. Usage: call DbspecSyntaxCheck(dir);
" it returns the failures, one string each (empty: all good).

" [file, pattern (the match start is checked), syntax group]
let s:checks = [
  \ ['tenants', '^/// A person', 'dbspecDocComment'],
  \ ['tenants', '^// Tenants', 'dbspecComment'],
  \ ['tenants', '^table users', 'dbspecDecl'],
  \ ['tenants', '^table \zsusers', 'dbspecDeclName'],
  \ ['tenants', '^  email \+\zscitext', 'dbspecType'],
  \ ['tenants', '^  phone_number \+text\zs?', 'dbspecNullable'],
  \ ['tenants', '^  email \+citext \+\zspii', 'dbspecAttribute'],
  \ ['tenants', '\zs-> countries', 'dbspecArrow'],
  \ ['tenants', '-> \zscountries.code', 'dbspecReference'],
  \ ['tenants', '-> countries.code \zson delete', 'dbspecClause'],
  \ ['tenants', "default(\\zs'en')", 'dbspecSqlString'],
  \ ['tenants', 'default(\zs5)', 'dbspecNumber'],
  \ ['tenants', 'default(\zsfalse)', 'dbspecBoolean'],
  \ ['tenants', '\zsgen_random_uuid()', 'dbspecFunction'],
  \ ['tenants', 'enum plan { \zsfree', 'dbspecEnumValue'],
  \ ['tenants', '^  \zsunique (email)', 'dbspecAttribute'],
  \ ['work', 'numeric(\zs12', 'dbspecNumber'],
  \ ['audit', '^  \zsindex (tenant_id, created_at', 'dbspecClause'],
  \ ['audit', '^  index (\zstenant_id, created_at', ''],
  \ ['audit', 'created_at \zsdesc', 'dbspecAction'],
  \ ['audit', '// \zsdbspec:ignore', 'dbspecIgnore'],
  \ ['audit', 'dbspec:ignore \zsnormalization', 'dbspecIgnoreRule'],
  \ ['audit', "'{}'\\zs::jsonb", 'dbspecCast'],
  \ ['project', '"app.tenant_id"', 'dbspecString'],
  \ ['project', '^  \zstenancy', 'dbspecProjectKeyword'],
  \ ['project', '^  \zsgenerate', 'dbspecProjectKeyword'],
  \ ['project', '^  tenancy \zs{', 'dbspecBrace'],
  \ ['project', 'golang-migrate', 'dbspecProjectValue'],
  \ ['project', 'naming/boolean-prefix', 'dbspecRule'],
  \ ['project', 'naming/boolean-prefix \+\zserror', 'dbspecSeverity'],
  \ ]

function! DbspecSyntaxCheck(dir) abort
  let failures = []
  for [file, pat, want] in s:checks
    let path = a:dir . '/' . file . '.dbspec'
    if fnamemodify(bufname('%'), ':p') !=# fnamemodify(path, ':p')
      execute 'silent edit' fnameescape(path)
    endif
    if &filetype !=# 'dbspec'
      call add(failures, file . ': filetype ' . &filetype)
      continue
    endif
    call cursor(1, 1)
    if search(pat, 'cW') == 0
      call add(failures, file . ': no match for ' . pat)
      continue
    endif
    let got = synIDattr(synID(line('.'), col('.'), 1), 'name')
    if got !=# want
      call add(failures, printf('%s: %s is %s, want %s', file, pat, got, want))
    endif
  endfor
  return failures
endfunction
