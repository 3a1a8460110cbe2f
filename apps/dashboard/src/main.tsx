import { render } from "solid-js/web";
import { App } from "./app/app.tsx";
import { loadSession } from "./auth/session.ts";
import { startInSavedLocale } from "./i18n/locale.ts";
import "./styles.css";

// French renders at once; an English visit renders when its catalogue has arrived, while the
// session request below is already on its way.
startInSavedLocale(() => render(() => <App />, document.getElementById("root")!));
void loadSession();
