// Citation markers reveal the cited source sentence under the claim, without leaving the page.
// Text is copied with textContent only: no article text is ever parsed as HTML here.
"use strict";
document.addEventListener("click", function (event) {
  var marker = event.target.closest("a.cite");
  if (!marker) return;
  var source = document.getElementById("src-" + marker.dataset.ref);
  var reveal = marker.closest("li").querySelector(".reveal");
  if (!source || !reveal) return;
  event.preventDefault();
  var showing = !reveal.hidden && reveal.dataset.ref === marker.dataset.ref;
  if (showing) {
    reveal.hidden = true;
    return;
  }
  var outlet = source.querySelector(".outlet").textContent;
  var sentence = source.querySelector(".sentence").textContent;
  reveal.textContent = "";
  var who = document.createElement("strong");
  who.textContent = "[" + marker.dataset.ref + "] " + outlet + ": ";
  var what = document.createElement("span");
  what.className = "revealed-sentence";
  what.textContent = sentence;
  var link = document.createElement("a");
  link.href = marker.href;
  link.textContent = " (in the article)";
  reveal.append(who, what, link);
  reveal.dataset.ref = marker.dataset.ref;
  reveal.hidden = false;
});
