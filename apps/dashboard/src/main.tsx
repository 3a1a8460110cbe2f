import { render } from "solid-js/web";
import { App } from "./app/app.tsx";
import { loadSession } from "./auth/session.ts";
import { locale } from "./i18n/locale.ts";
import "./styles.css";

document.documentElement.lang = locale();
render(() => <App />, document.getElementById("root")!);
void loadSession();
