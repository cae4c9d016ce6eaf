/* Material for MkDocs 9.8.2, partials/javascripts/content.html, moved out of the page so that the
   Content-Security-Policy allows no inline script at all (janus_kit/csp.py). */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
