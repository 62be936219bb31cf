# usage: zsh -f zsh_complete.zsh SCRIPT "COMMAND LINE": prints, one a line, what zsh's completion
# offers at the end of the line, read from an interactive zsh on a pseudo-terminal (zsh/zpty).
zmodload zsh/zpty
zpty z zsh -f -i
# The markers are printed as "<h""it>" so that the echo of these lines does not match them.
zpty -w z "PROMPT=''; RPROMPT=''; autoload -U compinit; compinit -u -D; source ${(q)1}"
zpty -w z 'compadd() { if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi; local -a hits; builtin compadd -A hits "$@"; (( $#hits )) && print -l -- "<h""it>"${^hits} >/dev/tty; builtin compadd "$@" }'
zpty -w z 'finish() { print "<do""ne>" >/dev/tty; exit }; zle -N finish; bindkey "^X" finish; print "<rea""dy>"'
zpty -r z out '*<ready>*' || exit 3
zpty -n -w z "$2"$'\t\x18'
zpty -r z out '*<done>*' || exit 3
for line in ${(f)out//$'\r'/$'\n'}; do [[ $line == *"<hit>"* ]] && print -r -- ${line#*<hit>}; done
zpty -d z
