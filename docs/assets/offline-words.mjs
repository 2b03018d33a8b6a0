// Words about offline use that both the offline script (every page) and the calculator need: data only,
// no side effects, stored with the pages by the service worker so it is there offline.
export const OFFLINE_CALCULATOR = {
  zh: "您现在处于离线状态,而这台设备上还没有保存计算器。请连接网络后点击“重试”;联网时打开过一次计算器后,离线也能使用。",
  en: "You are offline, and the calculator has not been stored on this device yet. Connect to the internet and press Retry; once it has been opened online, it also works offline.",
};
