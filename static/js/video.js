// Video facade: swap the thumbnail link for a youtube-nocookie.com player on click; with JS off it stays a link.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-video-id]");
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button) return;
  event.preventDefault();
  var frame = document.createElement("iframe");
  frame.src = "https://www.youtube-nocookie.com/embed/" + encodeURIComponent(link.dataset.videoId) + "?autoplay=1";
  frame.title = link.dataset.title;
  frame.allow = "accelerometer; autoplay; encrypted-media; gyroscope; picture-in-picture; fullscreen";
  frame.allowFullscreen = true;
  frame.id = "video-player";
  link.replaceWith(frame);
  frame.focus();
});
