# bash completion for hep: commands, options, reasons and formats, files,
# and the exercise ids of today's list (asked of hep itself, with the
# --config and --db already typed).

_hep_ids()
{
	local -a args=()
	local i
	for ((i = 1; i < ${#COMP_WORDS[@]} - 1; i++)); do
		case ${COMP_WORDS[i]} in
		--config | --db | --date)
			args+=("${COMP_WORDS[i]}" "${COMP_WORDS[i + 1]}")
			;;
		esac
	done
	hep today --json "${args[@]}" 2>/dev/null |
		sed -n 's/.*"id": *"\([a-z0-9-]*\)".*/\1/p'
}

_hep()
{
	local cur=${COMP_WORDS[COMP_CWORD]}
	local prev=${COMP_WORDS[COMP_CWORD - 1]}
	local commands="today done undo skip week streak history remind report export import check init"
	local common="--config --db --date --json --help --version"
	local cmd= i
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		--config | --db | --date | --pain | --note | --reason | --format | --from | --to)
			((i++))
			;;
		-*) ;;
		*)
			cmd=${COMP_WORDS[i]}
			break
			;;
		esac
	done

	case $prev in
	--config | --db)
		COMPREPLY=($(compgen -f -- "$cur"))
		return
		;;
	--reason)
		COMPREPLY=($(compgen -W "rest pain sick travel time other" -- "$cur"))
		return
		;;
	--format)
		if [[ $cmd == export ]]; then
			COMPREPLY=($(compgen -W "csv json" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "text md csv json html" -- "$cur"))
		fi
		return
		;;
	--pain)
		COMPREPLY=($(compgen -W "0 1 2 3 4 5 6 7 8 9 10" -- "$cur"))
		return
		;;
	--date | --from | --to | --note)
		return
		;;
	esac

	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "$common" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$commands" -- "$cur"))
		fi
		return
	fi
	local opts=$common
	case $cmd in
	done) opts+=" --pain --note" ;;
	skip) opts+=" --reason --note --all" ;;
	remind) opts+=" --quiet" ;;
	report) opts+=" --from --to --since-visit --format" ;;
	export) opts+=" --format" ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi
	case $cmd in
	done | undo | skip)
		COMPREPLY=($(compgen -W "$(_hep_ids)" -- "$cur"))
		;;
	import)
		COMPREPLY=($(compgen -f -- "$cur"))
		;;
	esac
}
complete -F _hep hep
