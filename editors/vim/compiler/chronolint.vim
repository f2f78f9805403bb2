" Vim compiler plugin for chronolint, the historical fact checker.
"
" Install: put this file in ~/.vim/compiler/ (Neovim: ~/.config/nvim/compiler/),
" or add the directory above it to 'runtimepath'. Then, in a buffer:
"
"   :compiler chronolint
"   :make                          " check the current file into the quickfix list
"   :make --kind manuscript        " options go before the file name
"   :copen                         " list the findings
"
" For every Markdown and text buffer, in your vimrc:
"
"   autocmd FileType markdown,text compiler chronolint
"
" g:chronolint_command names another binary or adds options for every run:
"
"   let g:chronolint_command = '/opt/chronolint/bin/chronolint --kind manuscript'
"
" chronolint prints FILE:LINE:COL: SEVERITY: MESSAGE [RULE]. Its columns count
" code points, so they are read as virtual columns (%v): exact unless a tab or a
" double-width character comes before the finding on its line.

if exists('current_compiler')
  finish
endif
let current_compiler = 'chronolint'

if exists(':CompilerSet') != 2
  command -nargs=* CompilerSet setlocal <args>
endif

let s:cpo_save = &cpo
set cpo&vim

" --color never: no source snippet lines; $* is what :make is given; %:S is the
" current file, quoted for the shell.
execute 'CompilerSet makeprg='
      \ . escape(get(g:, 'chronolint_command', 'chronolint') . ' --color never $* %:S', ' \|"')

CompilerSet errorformat=
      \%f:%l:%v:\ %trror:\ %m,
      \%f:%l:%v:\ %tarning:\ %m,
      \%f:%l:%v:\ %tnfo:\ %m,
      \%-G%.%#

let &cpo = s:cpo_save
unlet s:cpo_save
