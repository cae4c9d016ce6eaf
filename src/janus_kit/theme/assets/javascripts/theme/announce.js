/* Material for MkDocs 9.8.2, partials/javascripts/announce.html, moved out of the page so that the
   Content-Security-Policy allows no inline script at all (janus_kit/csp.py). */
var el=document.querySelector("[data-md-component=announce]");if(el){var content=el.querySelector(".md-typeset");__md_hash(content.innerHTML)===__md_get("__announce")&&(el.hidden=!0)}
