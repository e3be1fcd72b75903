#!/bin/sh
# graphsim conformance: the directory routes a roster needs — /users with
# paging, $select, $filter, $search and $count, /users/{id|upn}, /groups and
# group members (graph-presence-api.md section 6).
. "${top_srcdir:?}/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/graphsim.sh"
. "$top_srcdir/tests/conformance/common.sh"
plan_lazy

NUSERS=1234
gs_start --users $NUSERS --groups 20
auth_init
raw GET /_graphsim/tenant
is "$(jb .users) $(jb .groups)" "$NUSERS 20" "dir: the tenant reports --users and --groups"
ngroups=$(jb .groups)

# page_all PATH FILE [CURL-OPTIONS...]: follow @odata.nextLink from PATH to
# the end, one JSON item a line in FILE (wrapped as {t: $PA_TAG, x: item}
# when PA_TAG is set); sets $pages, $first_len and $pg_bad (statuses other
# than 200, or next links that are not absolute).
page_all() {
    pa_next=$1
    pa_f=$2
    shift 2
    pages=0
    pg_bad=
    first_len=0
    rm -f "$T"/pg.*
    while [ -n "$pa_next" ]; do
        call GET "$pa_next" '' "$@"
        if [ "$st" != 200 ]; then
            pg_bad="$pg_bad status $st on $pa_next"
            break
        fi
        pages=$((pages + 1))
        jq -r --arg tag "${PA_TAG:-}" '(."@odata.nextLink" // ""),
            (.value[] | if $tag == "" then tojson else {t: $tag, x: .} | tojson
             end)' "$T/body" >"$T/pg.$pages"
        read -r pa_link <"$T/pg.$pages"
        case $pa_link in
        "") pa_next= ;;
        "$GS_URL"/*) pa_next=${pa_link#"$GS_URL"} ;;
        *)
            pg_bad="$pg_bad relative link $pa_link"
            pa_next=
            ;;
        esac
        if [ $pages -gt 500 ]; then
            pg_bad="$pg_bad endless paging"
            break
        fi
    done
    if [ $pages -gt 0 ]; then
        # shellcheck disable=SC2046
        sed -s 1d $(ls "$T"/pg.*) >"$pa_f"
        first_len=$(($(wc -l <"$T/pg.1") - 1))
    else
        : >"$pa_f"
    fi
}

# uniq_ids FILE: the number of distinct ids in FILE.
uniq_ids() {
    jq -r .id "$1" | sort -u | wc -l | tr -d ' '
}

call GET /v1.0/users
is_st 200 "dir: GET /v1.0/users gives 200"
jtrue "dir: the default page holds 100 people" '.value | length == 100'
like "$(jb '."@odata.nextLink"')" "$GS_URL/v1.0/users" \
    "dir: @odata.nextLink is an absolute URL back to /v1.0/users"
jtrue "dir: people carry id, displayName, userPrincipalName and mail by default" \
    'all(.value[]; has("id") and has("displayName") and
     has("userPrincipalName") and has("mail"))'

page_all /v1.0/users "$T/all100"
is "$pg_bad" "" "dir: paging with the default page size ends cleanly"
is "$pages $(wc -l <"$T/all100" | tr -d ' ')" "13 $NUSERS" \
    "dir: default paging takes 13 pages and yields $NUSERS people"
is "$(uniq_ids "$T/all100")" $NUSERS "dir: default paging visits every person exactly once"

page_all "/v1.0/users?\$top=999" "$T/all999"
is "$pg_bad" "" "dir: paging with \$top=999 ends cleanly"
is "$pages $first_len $(wc -l <"$T/all999" | tr -d ' ')" "2 999 $NUSERS" \
    "dir: \$top=999 gives a page of 999 then the rest"
is "$(uniq_ids "$T/all999")" $NUSERS "dir: \$top=999 paging visits every person exactly once"
jq -r .id "$T/all100" | sort >"$T/s100"
jq -r .id "$T/all999" | sort >"$T/s999"
check "dir: both page sizes list the same people" cmp -s "$T/s100" "$T/s999"

page_all "/beta/users?\$select=id,displayName&\$top=999" "$T/sel"
is "$(wc -l <"$T/sel" | tr -d ' ') $(uniq_ids "$T/sel")" "$NUSERS $NUSERS" \
    "dir: /beta paging with \$select visits everyone once"
bad=$(jq -c 'select(keys - ["@odata.type"] != ["displayName", "id"])' "$T/sel" | head -1)
is "$bad" "" "dir: \$select=id,displayName holds on every page (nextLink keeps it)"

call GET "/v1.0/users?\$top=1000"
is "$st $(jb '.error.code | type')" "400 string" "dir: \$top=1000 gives 400"
call GET "/v1.0/users?\$top=5"
jtrue "dir: \$top=5 gives 5 people" '.value | length == 5'

# $filter=startswith(displayName,'..'): case-insensitive prefix.
name=$(jq -r .displayName "$T/sel" | head -1)
prefix=$(printf '%s' "$name" | cut -c1-2)
# shellcheck disable=SC2018,SC2019 # ASCII only, as jq's ascii_downcase.
lower=$(printf '%s' "$prefix" | tr 'A-Z' 'a-z')
jq -r --arg p "$lower" \
    'select(.displayName | ascii_downcase | startswith($p)) | .id' \
    "$T/sel" | sort >"$T/want"
f=$(jq -rn --arg p "$prefix" '"startswith(displayName,'"'"'\($p)'"'"')" | @uri')
page_all "/v1.0/users?\$filter=$f&\$top=999" "$T/got"
is "$pg_bad" "" "dir: \$filter=startswith(displayName,'$prefix') gives 200"
jq -r .id "$T/got" | sort >"$T/gots"
if [ -s "$T/want" ] && cmp -s "$T/want" "$T/gots"; then
    ok "dir: startswith(displayName,'$prefix') finds exactly the matching people"
else
    not_ok "dir: startswith(displayName,'$prefix') finds exactly the matching people"
    diag "want $(wc -l <"$T/want") got $(wc -l <"$T/gots")"
fi

# $search needs ConsistencyLevel: eventual (6.1).
term=$(printf '%s' "$name" | cut -c1-3)
q="%22displayName:$(jq -rn --arg t "$term" '$t | @uri')%22"
call GET "/v1.0/users?\$search=$q"
is_err 400 Request_UnsupportedQuery \
    "dir: \$search without ConsistencyLevel gives 400 Request_UnsupportedQuery"
call GET "/v1.0/users?\$search=$q&\$count=true&\$top=999" '' \
    -H 'ConsistencyLevel: eventual'
is_st 200 "dir: \$search with ConsistencyLevel: eventual gives 200"
jtrue "dir: \$search with \$count=true reports @odata.count" \
    '(."@odata.count" | type) == "number" and ."@odata.count" == (.value | length)'
jtrue "dir: \$search finds the person the term came from" \
    ".value | map(.displayName) | index([\"$name\"]) != null"
# shellcheck disable=SC2018,SC2019 # ASCII only, as jq's ascii_downcase.
jtrue "dir: every \$search hit contains the term" \
    "all(.value[]; .displayName | ascii_downcase | contains(\"$(printf '%s' "$term" | tr 'A-Z' 'a-z')\"))"

call GET "/v1.0/users?\$count=true" '' -H 'ConsistencyLevel: eventual'
jtrue "dir: \$count=true on /users reports the whole directory" \
    ".\"@odata.count\" == $NUSERS"
call GET "/v1.0/users/\$count" '' -H 'ConsistencyLevel: eventual'
is "$st $(tr -d '\r\n ' <"$T/body")" "200 $NUSERS" "dir: /users/\$count gives the number"
like "$(hdr Content-Type)" text/plain "dir: /users/\$count is text/plain"

# One person by id and by userPrincipalName.
id=$(jq -r .id "$T/all100" | sed -n 7p)
upn=$(jq -r "select(.id == \"$id\") | .userPrincipalName" "$T/all100")
call GET "/v1.0/users/$id"
is "$st $(jb .id)" "200 $id" "dir: /users/{id} gives that person"
jtrue "dir: /users/{id} carries displayName and userPrincipalName" \
    "(.displayName | type) == \"string\" and .userPrincipalName == \"$upn\""
call GET "/v1.0/users/$(jq -rn --arg u "$upn" '$u | @uri')"
is "$st $(jb .id)" "200 $id" "dir: /users/{userPrincipalName} gives the same person"
call GET "/beta/users/$id"
is "$st $(jb .id)" "200 $id" "dir: /beta/users/{id} gives that person"
call GET "/v1.0/users/$NOBODY"
is "$st $(jb '.error.code | type')" "404 string" "dir: an unknown person gives 404"
call GET "/v1.0/users/nobody@nowhere.invalid"
is_st 404 "dir: an unknown userPrincipalName gives 404"

# Groups.
page_all /v1.0/groups "$T/groups"
is "$pg_bad" "" "dir: paging /groups ends cleanly"
is "$(wc -l <"$T/groups" | tr -d ' ') $(uniq_ids "$T/groups")" \
    "$ngroups $ngroups" "dir: /groups lists every group once"
jtrue "dir: groups carry id and displayName" \
    'all(.value[]; (.id | type) == "string" and (.displayName | type) == "string")'
gname=$(jq -r .displayName "$T/groups" | sed -n 3p)
gid=$(jq -r .id "$T/groups" | sed -n 3p)
f=$(jq -rn --arg n "$gname" '"displayName eq '"'"'\($n)'"'"'" | @uri')
call GET "/v1.0/groups?\$filter=$f"
is "$st $(jb '[.value[].id] | join(",")')" "200 $gid" \
    "dir: groups?\$filter=displayName eq '...' finds that group"
p2=$(printf '%s' "$gname" | cut -c1-3)
f=$(jq -rn --arg n "$p2" '"startswith(displayName,'"'"'\($n)'"'"')" | @uri')
call GET "/v1.0/groups?\$filter=$f"
# shellcheck disable=SC2018,SC2019 # ASCII only, as jq's ascii_downcase.
jtrue "dir: groups?\$filter=startswith finds only matching groups, that one among them" \
    "(.value | length) >= 1 and (.value | map(.id) | index([\"$gid\"]) != null) and
     all(.value[]; .displayName | ascii_downcase | startswith(\"$(printf '%s' "$p2" | tr 'A-Z' 'a-z')\"))"
call GET "/v1.0/groups/$NOBODY/members"
is "$st $(jb '.error.code | type')" "404 string" "dir: members of an unknown group give 404"

# Members and transitive members of every group: the first pages in one
# curl run, further pages followed one by one, all checked in one jq run.
: >"$T/gm.cfg"
for g in $(jq -r .id "$T/groups"); do
    for k in m t; do
        r=members
        [ $k = t ] && r=transitiveMembers
        # shellcheck disable=SC2016 # $top is part of the URL.
        printf 'url = "%s/v1.0/groups/%s/%s?$top=999"\noutput = "%s/gm.%s.%s"\n' \
            "$GS_URL" "$g" "$r" "$T" "$k" "$g" >>"$T/gm.cfg"
    done
done
curl -s --max-time "$CT_MAX_TIME" -H "@$T/auth" -w '%{http_code}\n' \
    -K "$T/gm.cfg" >"$T/gm.codes"
is "$(sort -u "$T/gm.codes" | tr '\n' ' ')" "200 " \
    "dir: members and transitiveMembers of every group give 200"
jq -c '(input_filename | split("/")[-1] | split(".") | "\(.[1]) \(.[2])") as $t |
    (if ."@odata.nextLink" then {link: ."@odata.nextLink", t: $t} else empty end),
    (.value[] | {t: $t, x: .})' "$T"/gm.m.* "$T"/gm.t.* >"$T/members"
bad_p=
jq -r 'select(.link) | "\(.t)|\(.link)"' "$T/members" >"$T/links"
while IFS='|' read -r tag link; do
    PA_TAG=$tag page_all "${link#"$GS_URL"}" "$T/more"
    [ -n "$pg_bad" ] && bad_p="$bad_p $tag:$pg_bad"
    cat "$T/more" >>"$T/members"
done <"$T/links"
is "$bad_p" "" "dir: further member pages follow cleanly"
jq -s '
    (reduce (.[] | select(has("x"))) as $r ({}; .[$r.t] += [$r.x])) as $by |
    [$by | keys[] | select(startswith("m ")) | ltrimstr("m ")] as $gs |
    def u($k): [($by[$k] // [])[] |
        select(."@odata.type" == "#microsoft.graph.user") | .id];
    def set($k): u($k) | map({(.): true}) | add // {};
    def within($a; $b): set($b) as $s | all(u($a)[]; $s[.]);
    {shape_bad: [$gs[] as $g | select(any(($by["m " + $g] // [])[];
         (."@odata.type" | type) != "string" or (.id | type) != "string")) | $g],
     dups: [$gs[] as $g | select((u("t " + $g) | length) !=
         (u("t " + $g) | unique | length)) | $g],
     missing: [$gs[] as $g | select(within("m " + $g; "t " + $g) | not) | $g],
     nested: [$gs[] as $g | ($by["m " + $g] // [])[] |
         select(."@odata.type" == "#microsoft.graph.group") | [$g, .id]]} |
    .flat_bad = [.nested[] as [$g, $h] |
        select(within("t " + $h; "t " + $g) | not) | [$g, $h]] |
    .ge_bad = [.nested[] as [$g, $h] | select((u("t " + $g) | unique | length) <
        (u("m " + $g) | unique | length)) | $g]' "$T/members" >"$T/body"
jtrue "dir: every member has @odata.type and id" '.shape_bad == []'
jtrue "dir: transitiveMembers hold no person twice" '.dups == []'
jtrue "dir: transitiveMembers hold every direct user member" '.missing == []'
jtrue "dir: the tenant has nested groups" '.nested | length > 0'
jtrue "dir: a nested group's people are in the parent's transitiveMembers" \
    '(.nested | length > 0) and .flat_bad == []'
jtrue "dir: transitiveMembers of a nesting group >= its direct people" \
    '(.nested | length > 0) and .ge_bad == []'
call GET "/beta/groups/$gid/members"
is_st 200 "dir: /beta group members give 200"

done_testing
