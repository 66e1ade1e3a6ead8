// newsprism web app: the upload drop zone with progress, and the article page's
// "what cleaning removed" toggle. No framework, no build step, nothing fetched from
// the network but this server.
(function () {
  const zone = document.getElementById("upload");
  if (zone) {
    const input = document.getElementById("files");
    const bar = document.getElementById("progress");
    const status = document.getElementById("status");
    const result = document.getElementById("result");
    const say = (text) => { status.textContent = text; };

    async function send(files) {
      if (!files.length) return;
      const body = new FormData();
      for (const f of files) body.append("files", f, f.name);
      bar.hidden = false; bar.removeAttribute("value"); result.textContent = "";
      say("uploading " + files.length + " file(s)…");
      const answer = await fetch("/api/analyze", { method: "POST", body });
      const job = await answer.json();
      if (!answer.ok) { bar.hidden = true; say("refused: " + job.detail); return; }
      poll(job.id);
    }

    async function poll(id) {
      const job = await (await fetch("/api/jobs/" + id)).json();
      if (job.state === "done" || job.state === "failed") {
        bar.hidden = true;
        if (job.state === "failed") { say("analysis failed: " + job.error); return; }
        const counts = Object.entries(job.inputs).map(([k, v]) => v + " " + k).join(", ");
        say("done: " + counts + "; " + job.stories.length + " new or updated stor" + (job.stories.length === 1 ? "y" : "ies"));
        for (const sid of job.stories) {
          const li = document.createElement("li");
          const a = document.createElement("a");
          a.href = "/stories/" + encodeURIComponent(sid);
          a.textContent = sid;
          li.appendChild(a);
          result.appendChild(li);
        }
        const refreshed = await fetch(location.href);
        const doc = new DOMParser().parseFromString(await refreshed.text(), "text/html");
        document.querySelector("table.stories").replaceWith(doc.querySelector("table.stories"));
        return;
      }
      if (job.total) { bar.max = job.total; bar.value = job.done; }
      say((job.stage || job.state) + (job.total ? " " + job.done + "/" + job.total : "") + "…");
      setTimeout(() => poll(id), 400);
    }

    input.addEventListener("change", () => send(input.files));
    zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", () => zone.classList.remove("over"));
    zone.addEventListener("drop", (e) => { e.preventDefault(); zone.classList.remove("over"); send(e.dataTransfer.files); });
  }

  const toggle = document.getElementById("show-removed");
  if (toggle) toggle.addEventListener("change", () => { document.getElementById("removed").hidden = !toggle.checked; });
})();
