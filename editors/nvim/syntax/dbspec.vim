" Vim syntax file for dbspec schemas (*.dbspec). Works in Vim and Neovim.
" Language: dbspec — https://github.com/dbspec/dbspec

if exists('b:current_syntax')
  finish
endif
let s:cpo_save = &cpo
set cpo&vim

syn case match
syn iskeyword @,48-57,_,192-255

" Literals.
syn region dbspecString start=/"/ skip=/\\./ end=/"/ oneline
syn region dbspecSqlString start=/'/ skip=/''/ end=/'/ oneline
syn region dbspecRawSql matchgroup=dbspecRawSqlDelim start=/`/ end=/`/
syn match dbspecNumber /\<\d\+\%(\.\d\+\)\=\>/
syn keyword dbspecBoolean true false
syn keyword dbspecNull null

" Declarations: project NAME, table NAME, enum NAME.
syn keyword dbspecDecl project table enum nextgroup=dbspecDeclName skipwhite
syn match dbspecDeclName /\h\w*/ contained

" The project block and its nested blocks.
syn cluster dbspecCommon contains=dbspecComment,dbspecDocComment,dbspecString,dbspecSqlString,dbspecRawSql,dbspecNumber
" (matches, not keywords, so that `naming/...` is a rule name, not naming)
syn match dbspecProjectKeyword contained /\<\%(dialect\|tenancy\|column\|root\|setting\|bypass\|naming\|tables\|rules\|generate\|migrations\|schema\|go\|erd\|format\|package\)\>\/\@!/
syn keyword dbspecProjectValue contained postgres plural singular goose
syn match dbspecProjectValue /\<golang-migrate\>/ contained
syn keyword dbspecSeverity contained error warning info hint off
syn match dbspecRule /\<[a-z]\+\/\%([a-z0-9-]\+\|\*\)/ contained
syn cluster dbspecProjectItems contains=@dbspecCommon,dbspecProjectKeyword,dbspecProjectValue,dbspecSeverity,dbspecRule,dbspecProjectBlock
syn region dbspecProjectBlock matchgroup=dbspecBrace start=/{/ end=/}/ contained transparent contains=@dbspecProjectItems fold
syn region dbspecProject matchgroup=dbspecBrace start=/\%(^\s*project\>[^{]*\)\@<={/ end=/}/ transparent contains=@dbspecProjectItems fold

" Enums: the values are constants.
syn match dbspecEnumValue /\h\w*/ contained
syn region dbspecEnum matchgroup=dbspecBrace start=/\%(^\s*enum\>[^{]*\)\@<={/ end=/}/ transparent contains=@dbspecCommon,dbspecEnumValue fold

" Table modifiers after the name.
syn keyword dbspecAttribute global renamed_from

" Tables: columns (name type[?] attributes), keys, indexes, checks.
syn keyword dbspecAttribute contained pk unique pii default check
syn keyword dbspecClause contained index fk where include using on delete update
syn keyword dbspecAction contained cascade restrict set no action asc desc btree hash gin gist brin
syn keyword dbspecOperator contained and or not is in like ilike between
syn match dbspecOperator /[<>!=]=\=\|<>\|[-+*\/%]\|||/ contained
syn match dbspecFunction /\h\w*\ze\s*(/ contained
syn match dbspecCast /::\s*\h\w*\%(\[\]\)\=/ contained
" The type is the second word of a column line (not of an index/key line).
syn match dbspecType /\%(^\s*\%(\%(index\|pk\|unique\|fk\|check\)\>\)\@!\h\w*\s\+\)\@<=\h\w*/ contained nextgroup=dbspecTypeArgs,dbspecArray,dbspecNullable
syn region dbspecTypeArgs start=/(/ end=/)/ contained contains=dbspecNumber nextgroup=dbspecArray,dbspecNullable
syn match dbspecArray /\[\]/ contained nextgroup=dbspecNullable
syn match dbspecNullable /?/ contained
syn region dbspecParens start=/(/ end=/)/ contained transparent contains=@dbspecTableItems
syn cluster dbspecTableItems contains=@dbspecCommon,dbspecBoolean,dbspecNull,dbspecArrow,dbspecAttribute,dbspecClause,dbspecAction,dbspecOperator,dbspecFunction,dbspecCast,dbspecType,dbspecParens
syn region dbspecTable matchgroup=dbspecBrace start=/\%(^\s*table\>[^{]*\)\@<={/ end=/}/ transparent contains=@dbspecTableItems fold

" Defined last: at the same position the last definition wins, so `//` is a
" comment and `->` an arrow, not operators.
" -> table.column and -> table (cols)
syn match dbspecArrow /->/ nextgroup=dbspecReference skipwhite
syn match dbspecReference /\h\w*\%(\.\h\w*\)\=/ contained
" Comments: // line, /// doc, and the dbspec:ignore RULE reason directive.
syn keyword dbspecTodo contained TODO FIXME XXX NOTE
syn match dbspecIgnoreRule /[a-z*][a-z0-9*/-]*/ contained
syn match dbspecIgnore /\<dbspec:ignore\>/ contained nextgroup=dbspecIgnoreRule skipwhite
syn match dbspecComment "//.*$" contains=dbspecTodo,dbspecIgnore,@Spell
syn match dbspecDocComment "///.*$" contains=dbspecTodo,@Spell

hi def link dbspecBrace          Delimiter
hi def link dbspecTodo           Todo
hi def link dbspecComment        Comment
hi def link dbspecDocComment     SpecialComment
hi def link dbspecIgnore         PreProc
hi def link dbspecIgnoreRule     Special
hi def link dbspecString         String
hi def link dbspecSqlString      String
hi def link dbspecRawSql         Special
hi def link dbspecRawSqlDelim    Delimiter
hi def link dbspecNumber         Number
hi def link dbspecBoolean        Boolean
hi def link dbspecNull           Constant
hi def link dbspecDecl           Keyword
hi def link dbspecDeclName       Function
hi def link dbspecArrow          Operator
hi def link dbspecReference      Identifier
hi def link dbspecProjectKeyword Keyword
hi def link dbspecProjectValue   Constant
hi def link dbspecSeverity       Constant
hi def link dbspecRule           Special
hi def link dbspecEnumValue      Constant
hi def link dbspecAttribute      StorageClass
hi def link dbspecClause         Keyword
hi def link dbspecAction         Keyword
hi def link dbspecOperator       Operator
hi def link dbspecFunction       Function
hi def link dbspecCast           Type
hi def link dbspecType           Type
hi def link dbspecArray          Type
hi def link dbspecNullable       Special

syn sync minlines=200

let b:current_syntax = 'dbspec'
let &cpo = s:cpo_save
unlet s:cpo_save
