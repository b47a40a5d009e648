# Sourced by run.sh: an import onto a full disk saves nothing, leaves the
# database sound, and works once there is room again.
D="$T/small"
mkdir -p "$D"
if [ "$(id -u)" -ne 0 ] || ! mount -t tmpfs -o size=4m tmpfs "$D" 2>/dev/null; then
    skipped "full disk" "cannot mount a small tmpfs here (needs root)"
else
    MOUNTS="$D"
    F="$D/x.db"
    expect_rc "full disk: init on a 4 MB file system" 0 "$XF" --db "$F" init
    units_csv "$T/few.csv" F 20
    expect_rc "full disk: a small import" 0 "$XF" --db "$F" import units "$T/few.csv"
    before=$(fingerprint "$F")
    # Leave about 200 KB free; the import below needs several times that.
    avail=$(df -k --output=avail "$D" | tail -1)
    dd if=/dev/zero of="$D/filler" bs=1k count=$((avail - 200)) 2>/dev/null
    units_csv "$T/many.csv" M 1500 "（用于测试磁盘写满的较长名称）"
    expect_rc "full disk: import fails with exit 1" 1 "$XF" --db "$F" import units "$T/many.csv"
    expect_in "full disk: says the disk is full" "$T/err" "the disk is full: nothing was saved"
    one_message "full disk: one message"
    expect_eq "full disk: no SQLite words" "$(grep -ciE 'sqlite|no transaction|cannot commit' "$T/err")" "0"
    expect_eq "full disk: database passes integrity_check" "$(integrity "$F")" "ok"
    expect_eq "full disk: exactly the rows it had" "$(fingerprint "$F")" "$before"
    expect_rc "full disk: check still works" 0 "$XF" --db "$F" check
    expect_in "full disk: check says integrity ok" "$T/out" "integrity: ok"
    rm -f "$D/filler"
    expect_rc "full disk: after freeing space the same import works" 0 \
        "$XF" --db "$F" import units "$T/many.csv"
    expect_eq "full disk: all rows are there" "$(sql "$F" "SELECT count(*) FROM unit")" "1520"
    expect_eq "full disk: integrity after the retry" "$(integrity "$F")" "ok"
    umount "$D" && MOUNTS=""
fi
