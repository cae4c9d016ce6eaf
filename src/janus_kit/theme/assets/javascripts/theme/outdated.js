/* Material for MkDocs 9.8.2, partials/javascripts/outdated.html, moved out of the page so that the
   Content-Security-Policy allows no inline script at all (janus_kit/csp.py). */
var el=document.querySelector("[data-md-component=outdated]"),base=new URL(document.currentScript.dataset.base,location),outdated=__md_get("__outdated",sessionStorage,base);!0===outdated&&el&&(el.hidden=!1)
