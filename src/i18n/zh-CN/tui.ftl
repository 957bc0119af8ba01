### tui：技师界面：开始界面、检查清单、时间线、浮层、底部按键提示、对话框。
### 消息 id 以 `tui-` 开头。见 docs/i18n.md。

## The whole screen.

tui-too-small = 窗口太小（{ $width }×{ $height }）：请至少调到 { $min_width }×{ $min_height }（放大窗口或缩小字体）。

## Checklist panel.

tui-matrix-more = 上方 { $above } 张 · 下方 { $below } 张 · ↑↓ 滚动
