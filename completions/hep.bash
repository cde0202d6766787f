# bash completion for hep(1): commands, each command's options, the values
# of --reason and --format, file names after --config, --db and import, and
# after done, undo, redo, edit and skip the ids of the day's exercises, asked of hep
# itself (`hep today --json`) with the --config, --db and --date already on
# the command line. If hep fails, or the data file does not exist yet (Tab
# must not create it), nothing is offered and nothing is printed.

# _hep_ids: the exercise ids of the day's list, one a line.
_hep_ids()
{
	local hep=hep json id i
	local -a args=()
	# The hep being completed, when it was typed as a path (./build/hep).
	[[ ${COMP_WORDS[0]} == */* && -x ${COMP_WORDS[0]} ]] && hep=${COMP_WORDS[0]}
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		--config | --db | --date)
			if [[ ${COMP_WORDS[i + 1]-} == = ]]; then
				args+=("${COMP_WORDS[i]}" "${COMP_WORDS[i + 2]-}")
				((i += 2))
			elif ((i + 1 < COMP_CWORD)); then
				args+=("${COMP_WORDS[i]}" "${COMP_WORDS[i + 1]-}")
				((i++))
			fi
			;;
		--config=* | --db=* | --date=*)
			args+=("${COMP_WORDS[i]%%=*}" "${COMP_WORDS[i]#*=}")
			;;
		esac
	done
	# The shell, not hep, would expand a leading ~ and remove quotes.
	for i in "${!args[@]}"; do
		# shellcheck disable=SC2088 # a literal ~ on the line, on purpose
		[[ ${args[i]} == "~/"* ]] && args[i]=${HOME:-}/${args[i]#"~/"}
		[[ ${args[i]} == \"*\" || ${args[i]} == \'*\' ]] &&
			args[i]=${args[i]:1:${#args[i]}-2}
	done
	# Only ask an existing data file: pressing Tab must not create one.
	local db
	if [[ -n ${HEP_DB:-} ]]; then
		db=$HEP_DB
	elif [[ ${XDG_DATA_HOME:-} == /* ]]; then
		db=$XDG_DATA_HOME/hep/hep.db
	else
		db=${HOME:-}/.local/share/hep/hep.db
	fi
	for ((i = 0; i < ${#args[@]}; i += 2)); do
		[[ ${args[i]} == --db ]] && db=${args[i + 1]}
	done
	[[ -f $db ]] || return 0
	json=$("$hep" today --json "${args[@]}" 2>/dev/null </dev/null) || return 0
	while [[ $json =~ \"id\":\ *\"([a-z0-9-]+)\" ]]; do
		id=${BASH_REMATCH[1]}
		printf '%s\n' "$id"
		json=${json#*"${BASH_REMATCH[0]}"}
	done
}

_hep()
{
	local cur=${COMP_WORDS[COMP_CWORD]-}
	local prev=
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	# --opt=value: bash splits it into --opt, = and value.
	if [[ $cur == = ]]; then
		cur=
	elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	fi

	local commands="today done undo redo edit log skip advance measure psfs outcomes week streak history remind report export import check init"
	local common="--config --db --date --json --help --version"
	local valued=" --config --db --date --pain --pain-before --effort --session --note --reason --format --from --to --example --slot "
	local cmd='' w i nargs=0 all=''
	# The command, and how many arguments (ids, files) follow it so far.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ $valued == *" $w "* ]]; then
			[[ ${COMP_WORDS[i + 1]-} == = ]] && ((i++))
			((i++))
		elif [[ $w == --all ]]; then
			all=1
		elif [[ $w == -* || $w == = ]]; then
			:
		elif [[ -z $cmd ]]; then
			cmd=$w
		else
			nargs=$((nargs + 1))
		fi
	done

	COMPREPLY=()
	case $prev in
	--config | --db)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return 0
		;;
	--reason)
		mapfile -t COMPREPLY < <(compgen -W "rest pain sick travel time other" -- "$cur")
		return 0
		;;
	--format)
		case $cmd in
		report) mapfile -t COMPREPLY < <(compgen -W "text md csv json html" -- "$cur") ;;
		export) mapfile -t COMPREPLY < <(compgen -W "csv json" -- "$cur") ;;
		esac
		return 0
		;;
	--pain | --pain-before | --effort)
		local none=
		[[ $cmd == edit ]] && none=none
		mapfile -t COMPREPLY < <(compgen -W "0 1 2 3 4 5 6 7 8 9 10 $none" -- "$cur")
		return 0
		;;
	--example)
		mapfile -t COMPREPLY < <(compgen -W "$("${COMP_WORDS[0]}" init --list 2>/dev/null | awk 'NF == 0 { exit } { print $1 }')" -- "$cur")
		return 0
		;;
	--date | --from | --to | --note | --session)
		return 0
		;;
	esac

	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			mapfile -t COMPREPLY < <(compgen -W "$common" -- "$cur")
		else
			mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$cur")
		fi
		return 0
	fi

	local opts="--config --db --date --json"
	case $cmd in
	done) opts+=" --pain --pain-before --effort --note --slot" ;;
	edit) opts+=" --session --pain --pain-before --effort --note --no-note" ;;
	log) opts+=" --from --to" ;;
	skip) opts+=" --reason --pain --note --all" ;;
	advance) opts+=" --back" ;;
	measure) opts+=" --note" ;;
	outcomes) opts+=" --from --to" ;;
	remind) opts="--config --db --date --quiet --now" ;;
	report) opts+=" --from --to --since-visit --format" ;;
	export) opts+=" --format" ;;
	import) opts+=" --entries-only" ;;
	init) opts+=" --example --list" ;;
	esac
	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
		return 0
	fi
	case $cmd in
	done | undo | redo | edit | skip)
		((nargs == 0)) && [[ -z $all ]] &&
			mapfile -t COMPREPLY < <(compgen -W "$(_hep_ids)" -- "$cur")
		;;
	import)
		if ((nargs == 0)); then
			compopt -o filenames 2>/dev/null
			mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		fi
		;;
	esac
	return 0
}
complete -F _hep hep
