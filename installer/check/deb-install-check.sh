#!/usr/bin/env bash
# The manual check of issue 7 (needs root; changes the system, then undoes it): installs the .deb
# with dpkg -i, checks the launcher, menu entry, MIME glob and PATH link, starts the GUI under Xvfb
# on display :97 with a fresh HOME, measures the time from launch to a visible window (cold: first
# start, and warm), takes a screenshot into docs/installed-app.png, and purges the package again.
# Needs: apt-get install -y xvfb xdotool imagemagick
# --desktop: first create the XDG menu folders a desktop system has (and remove them again after
# the purge when they are empty), so the menu entry is installed too; without it the package is
# installed the way it would be on a server or in a container.
set -euo pipefail
cd "$(dirname "$0")/../.."
deb=$(ls target/installer/pc2seg-studio_*_amd64.deb)
disp=:97
shot=docs/installed-app.png
made=()
if [ "${1:-}" = "--desktop" ]; then
  for d in /etc/xdg/menus /usr/share/desktop-directories /usr/share/applications; do
    [ -d "$d" ] || { mkdir -p "$d"; made+=("$d"); }
  done
  echo "created for this check: ${made[*]:-nothing}"
fi

had_defaults=no
[ -e /usr/share/applications/defaults.list ] && had_defaults=yes
echo "== dpkg -i $deb"
dpkg -i "$deb" || { apt-get install -f -y -qq; dpkg -s pc2seg-studio >/dev/null; }
echo "installed size (dpkg-query): $(( $(dpkg-query -W -f='${Installed-Size}' pc2seg-studio) / 1024 )) MB;" \
  "du: $(du -sm /opt/pc2seg-studio | cut -f1) MB"
echo "pc2seg-studio on the PATH: $(command -v pc2seg-studio) -> $(readlink -f "$(command -v pc2seg-studio)")"
env -u DISPLAY pc2seg-studio --version
env -u DISPLAY pc2seg-studio info /opt/pc2seg-studio/lib/app/sample-projects/shapes | head -2
ls -la /usr/share/applications/ | grep -i pc2seg || echo "no menu entry in /usr/share/applications"
grep -h 'pc2seg' /usr/share/mime/globs2 || echo "no MIME glob"
echo "handler of application/x-pc2seg-project: $(xdg-mime query default application/x-pc2seg-project || true)"

echo "== GUI under Xvfb $disp"
Xvfb $disp -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
home=$(mktemp -d)
# Run the GUI as an ordinary user when we are root, so the installed sample is read-only and gets
# copied to the user's data folder, as it would for a real user. (nobody's Java user.home is
# /nonexistent, so JavaFX reports it cannot create its cache there and unpacks to a temp folder.)
as_user=()
if [ "$(id -u)" = 0 ]; then
  chown nobody "$home"
  as_user=(runuser -u nobody --)
fi
cleanup() { # also on failure: leave the system as it was
  [ -n "${app:-}" ] && kill "$app" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  rm -rf "$home"
  if dpkg -s pc2seg-studio >/dev/null 2>&1; then dpkg --purge pc2seg-studio >/dev/null 2>&1 || true; fi
  for d in "${made[@]}"; do rmdir "$d" 2>/dev/null || true; done
}
trap cleanup EXIT
sleep 2
colours() { # distinct colours in a screenshot of window $1 (a blank window has one or two)
  DISPLAY=$disp import -window "$1" png:- 2>/dev/null | convert png:- -format %k info: 2>/dev/null || echo 0
}
launch() { # launch <label>: starts the installed launcher, waits for its window and its content
  local t0 t1 t2 win=""
  t0=$(date +%s.%N)
  (cd "$home" && exec "${as_user[@]}" env HOME="$home" XDG_DATA_HOME="$home/.local/share" \
    DISPLAY=$disp /opt/pc2seg-studio/bin/pc2seg-studio >"$home/$1.log" 2>&1) &
  app=$!
  for _ in $(seq 1 600); do
    win=$(DISPLAY=$disp xdotool search --onlyvisible --name 'Seg Studio' 2>/dev/null | head -1) && [ -n "$win" ] && break
    sleep 0.1
  done
  t1=$(date +%s.%N)
  [ -n "$win" ] || { echo "no window after 60 s"; cat "$home/$1.log"; exit 1; }
  for _ in $(seq 1 120); do
    [ "$(colours "$win")" -gt 100 ] && break
    sleep 0.5
  done
  t2=$(date +%s.%N)
  printf '%s launch: visible window after %.1f s, content painted after %.1f s (window "%s")\n' \
    "$1" "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t0" | bc)" "$(DISPLAY=$disp xdotool getwindowname "$win")"
}
stop() {
  pkill -TERM -P "$app" 2>/dev/null || true # the launcher runs under runuser/env: end its child first
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  app=""
  sleep 1
}
launch cold
sleep 2
DISPLAY=$disp import -window root "$shot"
echo "screenshot: $shot"
stop
launch warm
stop
echo "user data after first start: $(ls "$home"/.local/share/pc2seg-studio/samples 2>/dev/null || echo none)"
grep -v -e 'Can not create cache' -e 'Unsupported JavaFX configuration' -e 'PlatformImpl startup' \
  "$home"/cold.log "$home"/warm.log | head -5 || true

echo "== dpkg --purge pc2seg-studio"
dpkg --purge pc2seg-studio
for p in /opt/pc2seg-studio /usr/bin/pc2seg-studio; do
  if [ -e "$p" ] || [ -L "$p" ]; then echo "left behind: $p"; exit 1; fi
done
grep -q pc2seg /usr/share/mime/globs2 && { echo "MIME glob left behind"; exit 1; }
ls /usr/share/applications | grep -q pc2seg && { echo "menu entry left behind"; exit 1; }
if [ $had_defaults = no ] && [ -e /usr/share/applications/defaults.list ]; then
  echo "left behind: /usr/share/applications/defaults.list"; exit 1
fi
for d in "${made[@]}"; do rmdir "$d" 2>/dev/null || echo "not empty, kept: $d"; done
made=()
echo "purged cleanly"
