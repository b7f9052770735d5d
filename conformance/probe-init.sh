#!/bin/sh
# The probe's /init (busybox sh, run as PID 1 from the initramfs). It prints what the guest sees between markers on
# the serial console, then powers off. conformance/observe.mjs parses the sections: keep the marker lines stable.
/bin/busybox mkdir -p /proc /sys /dev
/bin/busybox mount -t devtmpfs devtmpfs /dev
# The archive carries no device nodes (it is built without root), so the console is opened here.
exec 0</dev/console 1>/dev/console 2>&1
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
# qemu_fw_cfg exposes QEMU's own fw_cfg files: etc/e820 as QEMU built it, etc/reserved-memory-end.
insmod /lib/qemu_fw_cfg.ko 2>/dev/null
echo "@@GPA-BEGIN@@"
echo "@@section cpuinfo"
grep -m1 '^vendor_id' /proc/cpuinfo
grep -m1 '^address sizes' /proc/cpuinfo
if grep -m1 '^flags' /proc/cpuinfo | grep -qw pdpe1gb; then echo "pdpe1gb yes"; else echo "pdpe1gb no"; fi
echo "@@section fwcfg"
if [ -d /sys/firmware/qemu_fw_cfg/by_name ]; then echo "fw_cfg present"; else echo "fw_cfg missing"; fi
for f in etc/e820 etc/reserved-memory-end opt/ovmf/X-PciMmio64Mb; do
  d=/sys/firmware/qemu_fw_cfg/by_name/$f
  if [ -e "$d/raw" ]; then echo "$f $(od -An -v -tx1 "$d/raw" | tr -d ' \n')"; else echo "$f absent"; fi
done
echo "@@section iomem"
cat /proc/iomem
echo "@@section dmesg"
dmesg
echo "@@GPA-END@@"
poweroff -f
